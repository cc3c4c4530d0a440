def validate(data, locate):
    return []
