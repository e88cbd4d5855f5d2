"""Forward passes of the bundled models as loaded and through `leaf_ig.model.inference_model` (batch norms folded,
channels-last): milliseconds per photo at several batch sizes, and the largest difference in probabilities.

    .venv/bin/python bench/fold_speed.py          (writes bench/fold_speed.json; run on an otherwise idle machine)
"""
import json, os, time
import torch
from leaf_ig.model import inference_model, channels_last
from leaf_ig.train import load_bundled_model

def ms_per_photo(f, x, bs:int) -> float:
    "Best of two passes over `x` in batches of `bs`, in milliseconds per photo"
    with torch.inference_mode():
        f(x[:bs]); best = float('inf')
        for _ in range(2):
            t = time.perf_counter()
            for i in range(0, len(x), bs): f(x[i:i + bs])
            best = min(best, time.perf_counter() - t)
    return round(best/len(x)*1000, 2)

if __name__ == '__main__':
    torch.manual_seed(0)
    res = dict(date=time.strftime('%Y-%m-%d'), cpus=os.cpu_count(), threads=torch.get_num_threads(), models={})
    for name, size in (('bundled-pretrained', 160), ('bundled', 128)):
        model, _ = load_bundled_model(name=name, device='cpu')
        x = channels_last(torch.randn(128, 3, size, size))
        fast = inference_model(model)
        with torch.inference_mode(): diff = (torch.softmax(fast(x), 1) - torch.softmax(model(x), 1)).abs().max().item()
        res['models'][name] = dict(image_size=size, max_probability_difference=diff,
                                   as_loaded_ms={bs: ms_per_photo(model, x, bs) for bs in (16, 32, 64)},
                                   folded_ms={bs: ms_per_photo(fast, x, bs) for bs in (16, 32, 64)})
        print(name, res['models'][name])
    json.dump(res, open('bench/fold_speed.json', 'w'), indent=1)
