"""Short articles of our own for the store tests (a module of its own name, so that no
test imports from `conftest`, a name every test folder shares)."""

import json

# Our own short articles: two unrelated events, as JSONL records with ids.
FERRY = ("Ferry operator Tidewell Lines cancelled all crossings to Maren Island on Tuesday after a storm damaged "
         "the pier at Corvo Harbour, the company said. About 1,200 passengers were stranded overnight. Tidewell Lines "
         "said repairs to the shipbuilding yard pier would cost 4 million euros and take two weeks.")
LIBRARY = ("The city council of Ostrava Vale voted on Monday to close the Lindgren Library for renovation, council "
           "spokesperson Petra Alm said. The work will cost 2.5 million dollars and the library will reopen in March "
           "2026, the council said in a statement.")


def record(rid: str, text: str, title: str, published: str = "2025-10-21", outlet: str = "Test Post") -> str:
    return json.dumps({"id": rid, "title": title, "text": text, "published": published, "outlet": outlet})
