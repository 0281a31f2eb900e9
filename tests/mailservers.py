"""Real SMTP peers on 127.0.0.1 for the mail tests: Django's SMTP backend talks to them exactly
as it would to a relay that is picky (refuses some recipients) or stalls (accepts the
connection and never answers)."""

import socket
import threading


class SMTPServer:
    """A small SMTP server: accepts mail, but answers 550 for recipients containing ``refuse``."""

    def __init__(self, refuse="weigeren"):
        self.refuse = refuse
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.delivered = []  # (recipients, message text)
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            threading.Thread(target=self._session, args=(connection,), daemon=True).start()

    def _session(self, connection):
        with connection, connection.makefile("rb") as lines:
            connection.sendall(b"220 test ESMTP\r\n")
            recipients = []
            for raw in lines:
                command = raw.decode("utf-8", "replace").strip()
                verb = command.split(" ", 1)[0].upper()
                if verb in ("EHLO", "HELO"):
                    connection.sendall(b"250 test\r\n")
                elif verb == "MAIL":
                    recipients = []
                    connection.sendall(b"250 OK\r\n")
                elif verb == "RCPT":
                    if self.refuse in command:
                        connection.sendall(b"550 5.1.1 No such user here\r\n")
                    else:
                        recipients.append(command.split(":", 1)[1].strip(" <>"))
                        connection.sendall(b"250 OK\r\n")
                elif verb == "DATA":
                    connection.sendall(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    body = []
                    for data in lines:
                        if data in (b".\r\n", b".\n"):
                            break
                        body.append(data.decode("utf-8", "replace"))
                    self.delivered.append((recipients, "".join(body)))
                    connection.sendall(b"250 OK queued\r\n")
                elif verb == "QUIT":
                    connection.sendall(b"221 Bye\r\n")
                    return
                else:
                    connection.sendall(b"250 OK\r\n")

    def close(self):
        self.socket.close()


class StallingSMTPServer:
    """Accepts the connection, then never says a word."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.held = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.held.append(connection)

    def close(self):
        for connection in self.held:
            connection.close()
        self.socket.close()


def use_smtp(settings, server, timeout=5):
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, timeout
