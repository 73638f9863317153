# Captures what the Langfuse Python SDK sends to the OTLP route (a stub server on 127.0.0.1).
# Regenerates python-sdk-5.0.4-export.*: pip install -r Tests/e2e/requirements.txt, then
#   python capture-python-sdk.py /tmp/capture && cp /tmp/capture/export-1.bin python-sdk-5.0.4-export.pb.gz
# (keep only the content-type, content-encoding, x-langfuse-* and user-agent headers).
import http.server, json, os, sys, threading, base64

OUT = sys.argv[1]  # folder for export-N.bin and export-N.headers.json
count = [0]

class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        n = int(self.headers.get("content-length", "0"))
        body = self.rfile.read(n)
        if self.path.startswith("/api/public/otel"):
            count[0] += 1
            with open(os.path.join(OUT, f"export-{count[0]}.bin"), "wb") as f:
                f.write(body)
            with open(os.path.join(OUT, f"export-{count[0]}.headers.json"), "w") as f:
                json.dump({k.lower(): v for k, v in self.headers.items()}, f, indent=1)
            self.send_response(200); self.send_header("content-type", "application/x-protobuf"); self.end_headers()
        else:
            self.send_response(200); self.send_header("content-type", "application/json"); self.end_headers()
            self.wfile.write(b'{}')
    def do_GET(self):
        self.send_response(200); self.send_header("content-type", "application/json"); self.end_headers()
        self.wfile.write(b'{"data":[]}')
    def log_message(self, *a): pass

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
port = server.server_address[1]
threading.Thread(target=server.serve_forever, daemon=True).start()

os.environ["LANGFUSE_BASE_URL"] = f"http://127.0.0.1:{port}"
os.environ["LANGFUSE_PUBLIC_KEY"] = "pk-lf-test"
os.environ["LANGFUSE_SECRET_KEY"] = "sk-lf-test"
os.environ["LANGFUSE_TRACING_ENVIRONMENT"] = "staging"
os.environ["LANGFUSE_RELEASE"] = "v1.2.3"

from langfuse import Langfuse, observe, propagate_attributes, get_client

lf = Langfuse()

@observe(as_type="generation")
def call_model(q):
    lf.update_current_generation(model="gpt-4o", usage_details={"input": 100, "output": 20, "cache_read_input_tokens": 30},
                                 cost_details={"input": 0.001, "output": 0.002}, model_parameters={"temperature": 0.2},
                                 metadata={"m": "1", "k": {"nested": True}})
    return "answer to " + q

@observe()
def pipeline(q):
    with propagate_attributes(user_id="user-7", session_id="session-3", tags=["beta", "eval"], metadata={"team": "core"}, trace_name="qa"):
        return call_model(q)

pipeline("what?")
with lf.start_as_current_observation(as_type="agent", name="agent-root", input={"task": "x"}) as agent:
    with agent.start_as_current_observation(as_type="tool", name="search", input={"q": "y"}) as tool:
        tool.update(output={"hits": 3})
    agent.update(output="done", level="WARNING", status_message="slow")
    lf.set_current_trace_as_public() if hasattr(lf, "set_current_trace_as_public") else None
lf.flush()
lf.shutdown()
print("captured", count[0])
