"""moto on 127.0.0.1, on a free port, for as long as whoever started it is alive.

Prints the port on the first line of stdout, then serves until its stdin closes: when the test
process ends, however it ends, the pipe closes and this server stops by itself.
"""
import sys

import logging

from moto.server import ThreadedMotoServer

# One line per request would drown the test and benchmark output.
logging.getLogger("werkzeug").setLevel(logging.ERROR)

server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
print(server.get_host_and_port()[1], flush=True)
sys.stdin.read()
server.stop()
