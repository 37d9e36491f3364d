points count docs --filter='tenant:acme year>=2020' # trailing comment
search docs --id 42 \
  --limit 5 --filter "lang:\"en\""
collection info a\ b '' ""
