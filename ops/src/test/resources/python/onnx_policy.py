"""Checks an ONNX model with onnx.checker, runs it with onnxruntime on the observations of a JSON file
({"obs": [[...], ...]}) and prints {"actions": [[...], ...], "opset": N} as one JSON line."""
import json
import sys

import numpy as np
import onnx
import onnxruntime

model = onnx.load(sys.argv[1])
onnx.checker.check_model(model, full_check=True)
obs = np.asarray(json.load(open(sys.argv[2]))["obs"], dtype=np.float32)
session = onnxruntime.InferenceSession(sys.argv[1], providers=["CPUExecutionProvider"])
(actions,) = session.run(["actions"], {"obs": obs})
print(json.dumps({"actions": actions.tolist(), "opset": model.opset_import[0].version,
                  "inputs": [i.name for i in session.get_inputs()]}))
