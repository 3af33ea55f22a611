"""Prints, as one JSON object, every scalar tag of each TensorBoard log directory given and its steps,
read with TensorBoard's own EventAccumulator (what `tensorboard --logdir` uses)."""
import json
import sys

from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

result = {}
for logdir in sys.argv[1:]:
    acc = EventAccumulator(logdir, size_guidance={"scalars": 0})
    acc.Reload()
    result[logdir] = {tag: [[e.step, e.value] for e in acc.Scalars(tag)] for tag in acc.Tags()["scalars"]}
print(json.dumps(result))
