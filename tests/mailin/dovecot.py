"""A throwaway Dovecot IMAP server on 127.0.0.1 for the tests.

Its own configuration, passwd-file, maildir and sockets in a temporary directory; its
own port; run in the foreground as a child process (no systemd), stopped afterwards.
Started as root, the mail processes run as the ``dovecot`` system user (Dovecot refuses
uid 0 for mail); otherwise as the current user.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from imapclient import IMAPClient

USER = "complaints"
PASSWORD = "imap-test-password"


def dovecot_binary() -> str | None:
    return shutil.which("dovecot") or (
        "/usr/sbin/dovecot" if os.access("/usr/sbin/dovecot", os.X_OK) else None
    )


@dataclass(frozen=True)
class Dovecot:
    host: str
    port: int
    user: str
    password: str
    directory: Path

    def client(self) -> IMAPClient:
        client = IMAPClient(self.host, port=self.port, ssl=False, timeout=10)
        client.login(self.user, self.password)
        return client


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _mail_owner() -> tuple[int, int, str, str]:
    if os.geteuid() != 0:
        user = pwd.getpwuid(os.geteuid())
        return user.pw_uid, user.pw_gid, user.pw_name, user.pw_name
    mail = pwd.getpwnam("dovecot")
    login = "dovenull" if _exists("dovenull") else "dovecot"
    return mail.pw_uid, mail.pw_gid, "dovecot", login


def _exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _config(directory: Path, port: int) -> str:
    uid, gid, internal_user, login_user = _mail_owner()
    return f"""
protocols = imap
listen = 127.0.0.1
base_dir = {directory}/run
state_dir = {directory}/state
log_path = {directory}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {internal_user}
default_login_user = {login_user}
first_valid_uid = {uid}
last_valid_uid = {uid}
first_valid_gid = {gid}
mail_location = maildir:{directory}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {directory}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={directory}/mail/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


def _wait_for(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"dovecot exited: {log.read_text() if log.exists() else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("dovecot did not start listening within 15 s")


@contextmanager
def running_dovecot() -> Iterator[Dovecot]:
    binary = dovecot_binary()
    if binary is None:
        raise RuntimeError("dovecot is not installed (scripts/install_dovecot.sh)")
    directory = Path(tempfile.mkdtemp(prefix="bihuan-dovecot-"))
    directory.chmod(0o755)  # the mail and login users must reach their files
    uid, gid, _internal, _login = _mail_owner()
    for sub in ("run", "state", "mail"):
        (directory / sub).mkdir()
    if os.geteuid() == 0:
        os.chown(directory / "mail", uid, gid)
    (directory / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
    port = _free_port()
    config = directory / "dovecot.conf"
    config.write_text(_config(directory, port))
    process = subprocess.Popen(
        [binary, "-F", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        _wait_for(port, process, directory / "dovecot.log")
        yield Dovecot("127.0.0.1", port, USER, PASSWORD, directory)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()
        shutil.rmtree(directory, ignore_errors=True)
