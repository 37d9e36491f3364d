# comments and blank lines are ignored
collection create docs --dim 384 --distance cosine
points upsert docs --file points.jsonl
points count docs
