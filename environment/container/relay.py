#!/usr/bin/env python3
"""Relays connections from a loopback address to a Unix socket: JupyterLab in a container without network listens on a
socket in a folder shared with this machine, and the browser reaches it here.

    relay.py 127.0.0.1:8888 /tmp/vaelab-socket.XXXX/jupyter.sock
"""
import asyncio
import sys


async def pipe(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


async def main(address, socket_path):
    host, port = address.rsplit(":", 1)

    async def relay(client_reader, client_writer):
        try:
            server_reader, server_writer = await asyncio.open_unix_connection(socket_path)
        except OSError:
            client_writer.close()  # JupyterLab is not listening yet (or has stopped): the browser tries again
            return
        await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer))

    try:
        server = await asyncio.start_server(relay, host, int(port))
    except OSError as e:
        sys.exit(f"error: cannot listen on {address} ({e.strerror}): pick another port with ./lab image --run --port N")
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) != 3 or ":" not in sys.argv[1]:
        sys.exit("usage: relay.py HOST:PORT SOCKET")
    if not sys.argv[1].startswith(("127.", "localhost:", "[::1]")):
        sys.exit(f"relay.py serves loopback only, not {sys.argv[1]}")
    try:
        asyncio.run(main(sys.argv[1], sys.argv[2]))
    except KeyboardInterrupt:
        pass
