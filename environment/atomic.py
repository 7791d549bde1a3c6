"""Writing a file so that a reader never sees half of it: the text goes to PATH.tmp, which then replaces PATH."""
import os


def write_text(path, text):
    """Writes text (UTF-8) to path atomically; an interrupted write leaves the old file, or none, never a part."""
    with open(path + ".tmp", "w", encoding="utf-8", newline="") as f:
        f.write(text)
    os.replace(path + ".tmp", path)
