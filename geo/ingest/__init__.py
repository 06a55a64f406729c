"""Drafting cluster rows (park → industries, 亿元 targets) from a plan's plain text, each with a verbatim quote.

How it works, in one place:

* **Normalising.** The text is decoded (UTF-8 or GBK), converted traditional → simplified with OpenCC
  (``t2s``) and full-width punctuation/digits are mapped to one form (``，`` → ``,``, ``１`` → ``1``, curly
  quotes → ``"``). Every step is one character for one character, checked line by line (OpenCC falls back
  to per-character conversion where a phrase would change length), and :class:`NormText` keeps an offset
  map, so matching runs on the normalised text while every ``quote`` is cut from the **original** text.
* **Park → industries.** A clause whose subject is a park-like name (…产业园, …组团, …经开区, …核心区, …镇, or the
  paragraph's lead term "——龙市镇。") followed by an industry verb (重点发展, 主要布局, 发展壮大, 统筹发展, 培育…)
  gives one row per listed industry. Lists split on ``、`` (not inside brackets or a "以…为主的" frame) and on
  和/与 before 及; 及 only where the vocabulary shows two different sectors ("生物医药及大健康" stays one).
  "以A、B为代表的C" gives C, classified by A and B, unless C only names a class or a facility ("…为主的战略性新兴
  产业集群", "…为主导的产业体系"), then A and B. The park of a clause is, in this order: the park the clause
  opens with, a park named after a place used by that place alone ("浏阳重点发展…" after "浏阳高新区"), the park
  a clause builds or relies on (依托P, 以P为载体, 推进P建设), the park opening the sentence whatever its first
  clause says, then one carried from earlier (园区/该区域, the paragraph's first sentence, a short paragraph that
  only introduces a park); a carried park gives way to any park the sentence names itself. Modifiers name
  industries too: "以A为主导产业的P", "重点发展A的P", "P作为A产业的主要承载地".
* **Targets.** Money amounts in 亿 (``1100亿级``, ``突破30亿元``, ``百亿``, ``千亿级``, ``“双百”亿级``) that a
  goal word introduces (打造, 形成, 突破, 达到…) or that a metric (产值, 收入…) states under a future year.
  Areas, counts, shares, tons, per-area ratios, taxes, investment, R&D spending, firm-size thresholds
  (``50亿级企业``) and lists of tiers are skipped, and so is anything in a retrospective section. The
  industry comes from the words after the number (``500亿级X产业集群``), the clause's subject, earlier
  clauses, the sentence topic, the paragraph's lead term or its heading — the further away, the lower the
  ``confidence``; one amount stated for a list ("A、B均突破…", "A、B、C3个千亿产业") gives one row per item. The
  year comes from "到2025年"-style words in the sentence, paragraph, list intro, table row or the paragraph a
  "其中,…" paragraph continues, else from "十四五", else from the plan horizon (confidence lowered and said in
  ``note``). A year before the document's date next to the number, or 去年, marks a past figure.
* **Tables** (one cell per line, tab-indented): indicator rows with a 亿元 unit take their baseline and
  target from the header's year columns; park rows ("南溪组团 | 医药健康、新材料… | 力争产值规模达300亿")
  give park → industry rows and park targets; long cells are read as prose with the row's year cell.

The package follows those steps: :mod:`.normalise`, :mod:`.vocabulary`, :mod:`.clauses` (patterns, lines,
sentences, clauses, year context), :mod:`.parks`, :mod:`.targets`, :mod:`.tables`, :mod:`.draft` (the driver),
:mod:`.checks` (the sentences a reviewer should read because they may hold a statement no draft came from)
and :mod:`.documents` (reading .txt/.docx/.pdf/.html files). Note that the names ``normalise`` and
``vocabulary`` below are the functions; their modules are ``sys.modules["geo.ingest.normalise"]`` etc.
"""

from __future__ import annotations

from ..io import cn_number
from .checks import sentences_to_check
from .draft import draft_rows, infer_horizon
from .findings import COLUMNS, KINDS, Finding, findings_frame
from .normalise import NormText, normalise
from .parks import match_park
from .vocabulary import EXTRA_TERMS, Vocabulary, load_industries, vocabulary

__all__ = [
    "COLUMNS", "EXTRA_TERMS", "KINDS", "Finding", "NormText", "Vocabulary", "cn_number", "draft_rows", "findings_frame",
    "infer_horizon", "load_industries", "match_park", "normalise", "sentences_to_check", "vocabulary",
]
