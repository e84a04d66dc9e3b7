#!/usr/bin/env python3
"""A real SMTP server for the mail tests, on loopback only (Debian's
python3-aiosmtpd). Each mail it accepts is written to MAILBOX/<n>.json as
{"from", "to", "tls", "data"}; the file appears only after the server has
answered "250" to the end of DATA.

  smtp_sink.py PORT MAILBOX READY_FILE [--starttls CERT KEY | --tls CERT KEY]
               [--auth USER PASSWORD] [--hang MARKER]

--starttls  offers STARTTLS with CERT/KEY and refuses MAIL before it
--tls       TLS from the first byte (smtps) with CERT/KEY
--auth      refuses MAIL until the client logs in as USER with PASSWORD
            (offered only over TLS)
--hang      on DATA, writes MARKER and never answers (the test then kills
            this process mid-send)
"""
import argparse
import asyncio
import json
import os
import ssl

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Handler:
    def __init__(self, mailbox, hang_marker):
        self.mailbox = mailbox
        self.hang_marker = hang_marker

    async def handle_DATA(self, server, session, envelope):
        if self.hang_marker:
            with open(self.hang_marker, "w") as f:
                f.write("in DATA\n")
            await asyncio.sleep(3600)
        n = len([f for f in os.listdir(self.mailbox) if f.endswith(".json")]) + 1
        record = {
            "from": envelope.mail_from,
            "to": envelope.rcpt_tos,
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "login": session.auth_data.decode() if session.authenticated else None,
            "data": envelope.content.decode("utf-8", "replace"),
        }
        tmp = os.path.join(self.mailbox, f".{n}.tmp")
        with open(tmp, "w") as f:
            json.dump(record, f)
        os.rename(tmp, os.path.join(self.mailbox, f"{n}.json"))
        return "250 OK queued"


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("port", type=int)
    p.add_argument("mailbox")
    p.add_argument("ready")
    p.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    p.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    p.add_argument("--auth", nargs=2, metavar=("USER", "PASSWORD"))
    p.add_argument("--hang")
    a = p.parse_args()
    os.makedirs(a.mailbox, exist_ok=True)
    handler = Handler(a.mailbox, a.hang)
    kwargs = {}
    implicit = None
    if a.starttls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*a.starttls)
        kwargs = {"tls_context": context, "require_starttls": True}
    if a.tls:
        implicit = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        implicit.load_cert_chain(*a.tls)
    if a.auth:
        user, password = (x.encode() for x in a.auth)

        def authenticator(server, session, envelope, mechanism, data):
            ok = isinstance(data, LoginPassword) and data.login == user and data.password == password
            return AuthResult(success=ok, handled=False, auth_data=data.login if ok else None)

        kwargs.update(authenticator=authenticator, auth_required=True,
                      # aiosmtpd counts only STARTTLS as TLS; smtps is TLS too
                      auth_require_tls=not a.tls)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(handler, hostname="sink.test", **kwargs),
                                      host="127.0.0.1", port=a.port, ssl=implicit)
    with open(a.ready, "w") as f:
        f.write("ready\n")
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
