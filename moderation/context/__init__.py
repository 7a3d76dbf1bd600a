"""Context signals: what the text alone cannot show (issue 8).

Pure code, like the pipeline: no Flask, no database session. `moderation.services`
gathers the facts from the database (the author's recent comments, similar texts, the
reports, the author's record) and this package turns them into `Reason`s with
`source="context"` and their evidence:

* `relevance`: how related a comment is to its article (`off_topic` when a long,
  top-level comment has nothing to do with it; never a rejection by itself);
* `duplicates`: fingerprints of the normalized text, to find the same or nearly the
  same text posted again (`duplicate`, or `promotion` when it is spread across articles);
* `signals`: the settings, the facts and the reasons (`flood`, `reported`, `new_author`,
  `author_history`, `banned`), and how rejecting context reasons join a `Decision`.
"""
