"""Drafting cluster rows (park → industries, 亿元 targets) from a plan's plain text, each with a verbatim quote.

How it works, in one place:

* **Normalising.** The text is decoded (UTF-8 or GBK), converted traditional → simplified with OpenCC
  (``t2s``) and full-width punctuation/digits are mapped to one form (``，`` → ``,``, ``１`` → ``1``, curly
  quotes → ``"``). Every step is one character for one character, checked line by line (OpenCC falls back
  to per-character conversion where a phrase would change length), and :class:`NormText` keeps an offset
  map, so matching runs on the normalised text while every ``quote`` is cut from the **original** text.
* **Park → industries.** A clause whose subject is a park-like name (…产业园, …组团, …经开区, …镇, or the
  paragraph's lead term "——龙市镇。") followed by an industry verb (重点发展, 主要布局, 发展壮大, 培育…)
  gives one row per listed industry. Lists split on ``、`` and, only where the vocabulary shows two different
  sectors, on 和/及/与 ("生物医药及大健康" stays one). "以A、B为代表的C" gives C, classified by A and B.
* **Targets.** Money amounts in 亿 (``1100亿级``, ``突破30亿元``, ``百亿``, ``千亿级``, ``“双百”亿级``) that a
  goal word introduces (打造, 形成, 突破, 达到…) or that a metric (产值, 收入…) states under a future year.
  Areas, counts, shares, tons, per-area ratios, taxes, investment, R&D spending, firm-size thresholds
  (``50亿级企业``) and lists of tiers are skipped, and so is anything in a retrospective section. The
  industry comes from the words after the number (``500亿级X产业集群``), the clause's subject, earlier
  clauses, the sentence topic, the paragraph's lead term or its heading — the further away, the lower the
  ``confidence``. The year comes from "到2025年"-style words in the sentence, paragraph, list intro or
  table row, else from "十四五", else from the plan horizon (confidence lowered and said in ``note``).
* **Tables** (one cell per line, tab-indented): indicator rows with a 亿元 unit take their baseline and
  target from the header's year columns; park rows ("南溪组团 | 医药健康、新材料… | 力争产值规模达300亿")
  give park → industry rows and park targets; long cells are read as prose with the row's year cell.

The package follows those steps: :mod:`.normalise`, :mod:`.vocabulary`, :mod:`.clauses` (patterns, lines,
sentences, clauses, year context), :mod:`.parks`, :mod:`.targets`, :mod:`.tables`, :mod:`.draft` (the driver)
and :mod:`.documents` (reading .txt/.docx/.pdf/.html files). Note that the names ``normalise`` and
``vocabulary`` below are the functions; their modules are ``sys.modules["geo.ingest.normalise"]`` etc.
"""

from __future__ import annotations

from ..io import cn_number
from .draft import draft_rows, infer_horizon
from .findings import COLUMNS, KINDS, Finding, findings_frame
from .normalise import NormText, normalise
from .parks import match_park
from .vocabulary import EXTRA_TERMS, Vocabulary, load_industries, vocabulary

__all__ = [
    "COLUMNS", "EXTRA_TERMS", "KINDS", "Finding", "NormText", "Vocabulary", "cn_number", "draft_rows", "findings_frame",
    "infer_horizon", "load_industries", "match_park", "normalise", "vocabulary",
]
