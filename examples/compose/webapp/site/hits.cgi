#!/bin/sh
# Relays the api service's hit counter, reached by its link alias "backend",
# and notes each call in the log volume.
json() { printf 'Content-Type: application/json\r\n\r\n%s\n' "$1"; }
# (timeout, not wget -T: that option crashes the wget of Debian's busybox-static 1.35)
if body=$(timeout 3 wget -q -O- http://backend:8080/cgi-bin/hits); then
    echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) ${REMOTE_ADDR:-?} $body" >>/var/log/web/hits.log
    json "$body"
else
    json '{"error":"backend unreachable"}'
fi
