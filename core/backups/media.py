"""The media folder (MEDIA_ROOT): its files for a backup, and replacing it with a restored
copy by renames, so that a failed restore can put the old files back."""

import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from core.backups.archive import MEDIA

# Folders a restore unpacks into and moves the old files to, next to (or inside) MEDIA_ROOT.
WORK_PREFIX = ".kennisplatform-"


def media_files(media_root):
    """Every regular file under MEDIA_ROOT, in a stable order, with its name in the archive
    (without the work folders of a restore, which live inside a mounted MEDIA_ROOT)."""
    if not media_root.is_dir():
        return
    for folder, subfolders, names in os.walk(media_root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith(WORK_PREFIX))
        for name in sorted(names):
            path = Path(folder, name)
            if path.is_file():
                yield path, f"{MEDIA}/{path.relative_to(media_root).as_posix()}"


class MediaFolder:
    """MEDIA_ROOT, replaced by renames within one file system, so the files never exist half
    old and half new: the whole folder in one rename, or, when MEDIA_ROOT is a mount point (a
    Docker volume) and cannot be renamed, entry by entry, with the work folders inside it. The
    old files stay until the restore has succeeded, so a failure can put them back."""

    def __init__(self, root, mounted=None):
        self.root = Path(root).absolute()
        self.mounted = self.root.is_mount() if mounted is None else mounted
        self.work = self.root if self.mounted else self.root.parent

    def make_staging(self):
        self.work.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f"{WORK_PREFIX}restore-", dir=self.work))

    def replace_with(self, new):
        """Put the files in ``new`` where MEDIA_ROOT's are; return the _Swap that undoes it."""
        old = self.work / f"{WORK_PREFIX}replaced-{secrets.token_hex(8)}"
        if self.mounted:
            old.mkdir()
            moves = [
                (entry, old / entry.name)
                for entry in sorted(self.root.iterdir())
                if not entry.name.startswith(WORK_PREFIX)
            ]
            moves += [(entry, self.root / entry.name) for entry in sorted(new.iterdir())]
        else:
            # mkdtemp made the new folder private; the web server may need to read MEDIA_ROOT.
            os.chmod(new, self.root.stat().st_mode & 0o7777 if self.root.exists() else 0o755)
            moves = ([(self.root, old)] if self.root.exists() else []) + [(new, self.root)]
        swap = _Swap(old)
        try:
            for source, target in moves:
                os.rename(source, target)
                swap.done.append((source, target))
        except OSError:
            swap.undo()
            raise
        return swap


@dataclass
class _Swap:
    old: Path
    done: list = field(default_factory=list)

    def undo(self):
        for source, target in reversed(self.done):
            os.rename(target, source)
        self.done.clear()
        shutil.rmtree(self.old, ignore_errors=True)  # gone, or empty: everything went back

    def finish(self):
        shutil.rmtree(self.old, ignore_errors=True)
