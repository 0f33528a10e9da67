"""An SMTP server on 127.0.0.1 that writes every accepted email to a folder (one .eml file each).

Usage: smtp_sink.py PORT FOLDER. Runs until it is sent SIGTERM or SIGINT.
"""

import signal
import sys
import threading
import uuid
from pathlib import Path

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    async def handle_DATA(self, server, session, envelope) -> str:
        name = f"{uuid.uuid4().hex}.eml"
        (self.folder / f".{name}").write_bytes(envelope.original_content or envelope.content)
        (self.folder / f".{name}").rename(self.folder / name)  # readers never see half a file
        return "250 2.0.0 OK"


def main() -> None:
    port, folder = int(sys.argv[1]), Path(sys.argv[2])
    folder.mkdir(parents=True, exist_ok=True)
    controller = Controller(Handler(folder), hostname="127.0.0.1", port=port, ready_timeout=10)
    controller.start()
    print(f"SMTP sink on 127.0.0.1:{port}, writing to {folder}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
