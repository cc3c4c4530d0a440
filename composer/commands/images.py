"""Images of a project: removing them on `down --rmi`."""
from __future__ import annotations


def remove_images(loaded, engine, rmi: str, sink) -> None:
    """`local`: only images composer built without a custom tag; `all`: every image used."""
    from composer.planner import image_ref

    project = loaded.project
    refs = set()
    for svc in project.services.values():
        if rmi == "local":
            if svc.build is not None and not svc.image:
                refs.add(image_ref(project, svc))
        else:
            refs.add(image_ref(project, svc))
    for ref in sorted(refs):
        engine.remove_image(ref)
