"""The frame reader: a number with a measure word that no rule read is read from
the words around it, by the lexicons of rules/frames/lexicon.yml.

Three frames, all within the number's clause (bounded, no `.*`):
- TRIGGER … OBJECT … NUMBER: 共收到政协提案536件, 举办专题协商会12次;
- TRIGGER? … NUMBER (的)? OBJECT: 开展43项视察活动, 建成23家委员工作室;
- TRIGGER … NUMBER with the object of an earlier clause of its sentence:
  收到提案134件，经审查立案129件.
The (trigger role, object family) pair and the measure word pick the metric
(`metrics` in the lexicon); a pair the table does not name gives nothing.
"""

from __future__ import annotations

from bisect import bisect_left

import regex

from ..boundaries import CLAUSE, CLAUSE_OR_ITEM, SENTENCE_END, STATEMENT_END, clause_start
from ..frames import FrameGrammar, MetricFrame
from ..models import NumberMention, Span
from ..numbers import CHINESE_NUMERAL, NUMBER, find_numbers, mention_span, parse_value, parsed
from ..rules import RuleSet
from .vetoes import vetoed

OBJECT_GAP = 8  # characters between the object and the number: 提案共计 / 信息达
RIGHT_GAP = 5  # characters between the measure word and an object after it: 个课题专题
# 问题的制度机制22项 counts 制度机制: after 的 comes the noun that is counted.
NEW_HEAD = regex.compile(r"的\p{Han}{2,}")
# A space after a figure ends its item in a list laid out by spaces (提案5000余件 报送信息…).
SPACE = regex.compile(r"\s")


def _roles(grammar: FrameGrammar, text: str) -> frozenset[str]:
    """The roles of the triggers in `text`, but for those a negation denies."""
    return frozenset(r for m in grammar.triggers.finditer(text)
                     if not text[:m.start()].endswith(grammar.negations)
                     for r in grammar.trigger_roles[m.group()] if r not in grammar.roles_not_verbs)


def _following_roles(grammar: FrameGrammar, text: str) -> frozenset[str]:
    """Roles of the triggers after a number (332篇社情民意信息被全国政协采用); a work
    verb there opens a new predicate (组织90余人次委员深入开展14次调研)."""
    return _roles(grammar, text) - grammar.roles_before_number


def _last_object(grammar: FrameGrammar, text: str, start: int, end: int):
    """The last object in text[start:end] that is not inside a longer trigger
    (转委员来信 is a way of not accepting a proposal, not a member)."""
    verbs = [m.span() for m in grammar.triggers.finditer(text, start, end)]
    found = [m for m in grammar.objects.finditer(text, start, end, overlapped=False)
             if not any(a <= m.start() and m.end() <= b and b - a > len(m.group()) for a, b in verbs)]
    return found[-1] if found else None


def _metric(grammar: FrameGrammar, family: str, roles: frozenset[str], unit: str,
            object_first: bool = False) -> MetricFrame | None:
    """The first table entry for the family whose trigger is present (entries that
    need a trigger before those that need none), whose measure words allow the unit
    and whose word order fits (`object_first`: the object was read before the number)."""
    fitting = [m for m in grammar.metrics if family in m.objects and unit in m.units
               and (not m.triggers or roles.intersection(m.triggers)) and (object_first or not m.object_first)]
    fitting.sort(key=lambda m: not m.triggers)
    return fitting[0] if fitting else None


def _head_after(grammar: FrameGrammar, text: str, end: int):
    """The object a number is followed by: of the objects chained from the first that
    starts within RIGHT_GAP, the one that ends last, for a Chinese noun phrase ends in
    its head (3份专题调研报告 counts 调研报告, not 专题调研)."""
    near = [m for m in grammar.objects.finditer(text, end, min(len(text), end + RIGHT_GAP + 12), overlapped=True)
            if m.start() - end <= RIGHT_GAP]
    if not near:
        return None
    # The objects chained from the first, each overlapping or touching the last.
    chain = []
    for m in sorted(near, key=lambda m: (m.start(), -m.end())):
        if not chain or m.start() <= max(c.end() for c in chain):
            chain.append(m)
    return max(chain, key=lambda m: (m.end(), -m.start()))


WORK_GAP = 10  # characters between a work trigger and its number: 走访服务民营企业
# The noun a measure word counts, when the clause ends on it (not 10个方面、…, 130场特色鲜明、…).
COUNTED_AFTER = regex.compile(r"(?!方面)\p{Han}{2,6}(?=[，,。；;：:\n]|$)")
WORK_FILLER = regex.compile(r"^(?:了|共|各类|等)+|(?:共|达|等|约|近|了)+$")
DESIGNATED_GAP = 16  # characters between 被确定为 and what the objects were made: 省政协专门委员会督办
ADJACENT = 1  # an object this close after the measure word is what the number counts: 39件重点提案


def _read(grammar: FrameGrammar, text: str, number: NumberMention) -> MetricFrame | None:
    clause = clause_start(text, number.start, CLAUSE_OR_ITEM)
    before = text[clause:number.start]
    # A verb before a list inside the clause governs it (收到来自委员、各参加单位的提案688件).
    roles = _roles(grammar, before) or _roles(grammar, text[clause_start(text, number.start, CLAUSE):clause])
    after = _head_after(grammar, text, number.end)
    clause_end = CLAUSE_OR_ITEM.search(text, number.end)
    rest = text[number.end:clause_end.start() if clause_end else len(text)]
    # 79件提案被确定为省领导督办重点提案, 其中10件列为重点提案: what the objects were made
    # is what is counted.
    named = after.end() if after and after.start() - number.end <= RIGHT_GAP + 3 else number.end
    if honour := grammar.honours.match(text, named):
        made = grammar.objects.search(text, honour.end(), min(len(text), honour.end() + DESIGNATED_GAP))
        if made and not CLAUSE_OR_ITEM.search(text, honour.end(), made.start()):
            return _metric(grammar, grammar.object_family[made.group()], frozenset(), number.unit)
    if (after and after.start() - number.end <= ADJACENT and not grammar.honours.match(text, after.end())
            and not CLAUSE_OR_ITEM.search(text, number.end, after.start())):
        # 332篇社情民意信息被全国政协采用: the trigger may follow its object.
        around = roles | _following_roles(grammar, rest)
        frame = _metric(grammar, grammar.object_family[after.group()], around, number.unit)
        head = _head_after(grammar, text, after.end()) if frame is None else None
        if head and not CLAUSE_OR_ITEM.search(text, after.end(), head.start()):
            # An object the measure word does not fit modifies the noun it counts
            # (2期委员履职培训班 counts 培训班).
            frame = _metric(grammar, grammar.object_family[head.group()], around, number.unit)
        if frame is not None:
            return frame
    obj = _last_object(grammar, text, max(clause, number.start - OBJECT_GAP - 12), number.start)
    gap = text[obj.end():number.start] if obj else ""
    if obj and len(gap) <= OBJECT_GAP and not any(c.isdigit() for c in gap) and not NEW_HEAD.search(gap):
        shared_roles = roles
        if not roles and obj.start() == clause:
            # A bare item of a list sharing its verb (报送报告275篇，提案1325件): the
            # nearest trigger earlier in the sentence.
            earlier = list(grammar.triggers.finditer(text, clause_start(text, clause, SENTENCE_END), clause))
            shared_roles = _roles(grammar, earlier[-1].group()) if earlier else roles
        frame = _metric(grammar, grammar.object_family[obj.group()], shared_roles, number.unit, object_first=True)
        if frame is not None:
            return frame
        # An object the measure word does not fit (90余人次委员深入开展14次实地调研)
        # is not what the number counts: read on.
    if (after and after.start() - number.end <= RIGHT_GAP and not CLAUSE_OR_ITEM.search(text, number.end, after.start())
            and not SPACE.search(text, number.end, after.start()) and not grammar.honours.match(text, after.end())):
        return _metric(grammar, grammar.object_family[after.group()], roles | _roles(grammar, text[number.end:after.end()]), number.unit)
    # The trigger may also follow the number in its clause (有9件未予立案).
    roles |= _following_roles(grammar, rest) if not after else frozenset()
    if roles:
        sentence = clause_start(text, number.start, SENTENCE_END)
        inherited = [_last_object(grammar, text, sentence, clause)]
        if grammar.part_opener and grammar.part_opener.match(text, SENTENCE_OPENING_SPACE.match(text, sentence).end()):
            # 共收到提案260件。其中，委员个人提出205件: the object of the total's sentence.
            total = _last_object(grammar, text, clause_start(text, max(sentence - 1, 0), SENTENCE_END), sentence)
            if total and grammar.object_family[total.group()] == PARTS_OF:
                inherited.append(total)
        for obj in filter(None, inherited):
            # Only a pair the trigger makes: 编报《…》26期 after 协商议事活动 is no consultation.
            frame = _metric(grammar, grammar.object_family[obj.group()], roles, number.unit, object_first=True)
            if frame is not None and frame.triggers:
                return frame
    return None


def _scope_object(grammar: FrameGrammar, text: str, number: NumberMention, frame: MetricFrame) -> str | None:
    """The object a scoped frame names: the one after the number when it is of the
    frame's family (12个先进单位), else the last of its sentence before it."""
    after = _head_after(grammar, text, number.end)
    if (after and grammar.object_family[after.group()] in frame.objects
            and not CLAUSE_OR_ITEM.search(text, number.end, after.start())):
        return after.group()
    read = _last_object(grammar, text, clause_start(text, number.start, SENTENCE_END), number.start)
    return read.group() if read else None


def _read_work(grammar: FrameGrammar, text: str, number: NumberMention) -> tuple[MetricFrame, str] | None:
    """A frame with no object: its trigger, then the words it counts, then the number
    (走访企业130余家); the words are the scope."""
    clause = clause_start(text, number.start, CLAUSE_OR_ITEM)
    triggers = list(grammar.triggers.finditer(text, max(clause, number.start - WORK_GAP - 6), number.start))
    if not triggers:
        return None
    last = triggers[-1]
    words = text[last.end():number.start]
    if len(words) > WORK_GAP or any(c.isdigit() for c in words) or grammar.objects.search(words):
        return None
    roles = grammar.trigger_roles[last.group()]
    frame = next((m for m in grammar.metrics if not m.objects and roles.intersection(m.triggers)
                  and number.unit in m.units), None)
    scope = WORK_FILLER.sub("", words.strip())
    if "的" in scope:
        # 转化为推动发展的政策措施37个: the clause's verb and the head noun after 的.
        return (frame, triggers[0].group() + scope.rsplit("的", 1)[1]) if frame is not None else None
    # A verb that only says work was done (开展送法下乡活动) is no part of what is counted.
    verb = "" if roles & grammar.roles_out_of_scope else last.group()
    if frame is None:
        return None
    if len(scope) >= 2:
        return frame, verb + scope
    if frame.metric != "other":
        return frame, None  # a named metric needs no words between (不予立案54件)
    # `other` is known by its words alone: those after the measure word when none stand
    # before it (组建10个工作专班, 举办3期书画展), but never an object another frame reads.
    counted = COUNTED_AFTER.match(text, number.end)
    if counted and not grammar.objects.search(counted.group()):
        return frame, verb + counted.group()
    return None


def frame_spans(text: str, rules: RuleSet, taken: list[Span]) -> list[Span]:
    """Spans the frames read, for the numbers no rule read."""
    grammar = rules.frames
    if grammar is None:
        return []
    # Spans of one number share its offsets; sorted by start, the one that could
    # overlap a number is the last that starts before the number ends.
    covered = sorted({(s.start, s.end) for s in taken})
    starts = [a for a, _ in covered]
    spans = []
    for match in NUMBER.finditer(text):
        # Most numbers are read by a rule: they are skipped before they are parsed.
        start, end = mention_span(match)
        k = bisect_left(starts, end) - 1
        if k >= 0 and covered[k][1] > start or (number := parsed(match)) is None:
            continue
        frame, scope = _read(grammar, text, number), None
        if frame is not None and frame.scoped:
            scope = _scope_object(grammar, text, number, frame)
        if frame is None or (frame.metric == "other" and scope is None):
            # `other` takes its scope from the words its trigger governs (走访联系群众).
            frame, scope = _read_work(grammar, text, number) or (frame, scope)
        # A frame reaches across list items (、), so its vetoes read the whole sentence:
        # 每位委员每年至少提交1件提案、反映2条社情民意信息.
        if frame is None or vetoed(text, number.start, number.text, rules, SENTENCE_END):
            continue
        spans.append(Span(start=number.start, end=number.end, text=number.text, metric=frame.metric,
                          value=number.value, unit=number.unit, qualifier=number.qualifier,
                          scope=scope, rule_id=f"frame.{frame.metric}"))
    return spans


# Roles that make a count of all proposals rather than a kind of them.
COUNTING_ROLES = frozenset({"receive", "accept", "close", "reject", "single_out", "hand_over", "handled"})
LEADING_WORDS = regex.compile(r"^(?:[件条篇个项]、|关于|围绕|就|在|对|从|其中|涉及|通过|建言|委员们就|委员们)+")
PROPOSAL_CONTEXT = 300  # characters before a breakdown in which 提案 must be named


def breakdown_spans(text: str, rules: RuleSet) -> list[Span]:
    """proposals_by_kind read from breakdowns of proposals (spec §4 rule 12); they
    win over a rule that reads the same number as a count of its own."""
    grammar = rules.frames
    if grammar is None or grammar.breakdown is None:
        return []
    return _by_kind(text, grammar, grammar.breakdown)


def topic_parts(text: str, rules: RuleSet, spans: list[Span]) -> list[Span]:
    """A count of proposals received in a clause that opens with a topic (围绕…提出提案
    893件) after a larger total, or told after a clause naming the total (收到的5641件提案
    中，通过平台提交提案2712件), is a part of it (spec §4 rule 12); `spans` in text order."""
    grammar = rules.frames
    if grammar is None or (grammar.topic_opening is None and grammar.part_marker is None):
        return spans
    parts, largest = [], None
    for span in spans:
        if span.metric == "proposals_received" and span.status is None:
            opening = clause_start(text, span.start, SENTENCE_END, lookback=TOPIC_LOOKBACK)
            topic = grammar.topic_opening and grammar.topic_opening.search(text, opening, span.start)
            scope = topic.group("scope") if topic and largest is not None and largest > span.value else None
            if scope is None and grammar.part_marker is not None and grammar.part_marker.search(
                    text, opening, span.start):
                scope = LEADING_WORDS.sub("", text[clause_start(text, span.start, CLAUSE):span.start]) or None
            elif (scope is None and grammar.part_opener is not None and largest is not None and largest > span.value
                  and (said := _part_said(text, span.start, grammar.part_opener)) is not None):
                # 其中，委员个人提出205件；委员联名提交76件: the proposer named before the verb.
                scope = PROPOSING_VERB.sub("", said) or None
            if scope is not None:
                span = span.model_copy(update={"metric": "proposals_by_kind", "scope": scope,
                                               "rule_id": f"{span.rule_id}+part"})
        if span.metric in TOTALS and span.status is None:
            largest = max(largest or 0, span.value)
        parts.append(span)
    return parts


# Members as a subject beside the organisations (委员和各民主党派…提交提案): the count is the total.
MEMBERS_SUBJECT = regex.compile(r"委员(?!会)")


def proposer_parts(text: str, rules: RuleSet, spans: list[Span]) -> list[Span]:
    """A count received or filed in a sentence whose only subject is an organisation that
    proposes through the body (民进某市委会提交提案12件，立案8件) is that organisation's kind
    of proposals (spec §4 rule 12), not the body's total."""
    grammar = rules.frames
    if grammar is None or grammar.proposer is None:
        return spans
    parts = []
    for span in spans:
        if span.metric in TOTALS and span.status is None:
            before = text[clause_start(text, span.start, SENTENCE_END, lookback=TOPIC_LOOKBACK):span.start]
            proposer = grammar.proposer.search(before)
            if proposer and not MEMBERS_SUBJECT.search(before):
                span = span.model_copy(update={"metric": "proposals_by_kind", "scope": f"{proposer['scope']}提案",
                                               "rule_id": f"{span.rule_id}+proposer"})
        parts.append(span)
    return parts


TOPIC_LOOKBACK = 240  # a topic clause lists its subjects at length before the count
PARTS_OF = "proposal"  # the object family whose totals 其中 breaks down into parts
PROPOSING_VERB = regex.compile(r"(?:共)?(?:提出|提交|递交|撰写)(?:了)?(?:的)?(?:提案)?(?:为|有)?$")
SENTENCE_OPENING_SPACE = regex.compile(r"\s*")
# A year or a session in the words before a part makes it a count of its own (其中2023年收到…).
OWN_PERIOD = regex.compile(r"\d|年|会议|届")


def _part_said(text: str, number_start: int, opener: regex.Pattern) -> str | None:
    """The words of the figure's clause, when an opener (其中) earlier in its statement
    makes it a part of the total before; None when there is none or the words name a
    period of their own."""
    statement = clause_start(text, number_start, STATEMENT_END, lookback=TOPIC_LOOKBACK)
    if not opener.search(text, statement, number_start):
        return None
    said = LEADING_WORDS.sub("", text[clause_start(text, number_start, CLAUSE):number_start])
    return None if OWN_PERIOD.search(said) else said
TOTALS = frozenset({"proposals_received", "proposals_accepted"})


def kind_spans(text: str, rules: RuleSet, taken: list[Span]) -> list[Span]:
    """Kinds named before 提案 (界别提案251件), for the numbers nothing else read."""
    grammar = rules.frames
    if grammar is None or grammar.kinds is None:
        return []
    starts = {s.start for s in taken}
    return [s for s in _by_kind(text, grammar, grammar.kinds)
            if s.start not in starts and not vetoed(text, s.start, s.text, rules)]  # 比上年增加30件


BREAKDOWN_END = regex.compile(rf"(?:\d+(?:\.\d+)?|{CHINESE_NUMERAL})(?:余|多)?[件%]")
BREAKDOWN_SPAN = 80  # characters a breakdown spans at most, from its scope to its number


OUTCOME_AFTER_SPAN = 16  # a share's outcome told after it: 5%的提案建议列入办理计划


def _windows(text: str) -> list[tuple[int, int]]:
    """Stretches that can hold a breakdown: the BREAKDOWN_SPAN before each count or
    share with 提案 named near, merged. Scanning only these keeps an overlapped
    search off the rest of a long document."""
    windows: list[tuple[int, int]] = []
    for m in BREAKDOWN_END.finditer(text):
        start = max(0, m.start() - BREAKDOWN_SPAN)
        if "提案" not in text[max(0, start - PROPOSAL_CONTEXT):m.end()]:
            continue
        end = min(len(text), m.end() + OUTCOME_AFTER_SPAN)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _head(grammar: FrameGrammar, phrase: str) -> str | None:
    """The family of the longest object that ends `phrase`: its head noun."""
    for k in range(max(0, len(phrase) - 8), len(phrase)):
        if grammar.objects.fullmatch(phrase, k):
            return grammar.object_family[phrase[k:]]
    return None


def _by_kind(text: str, grammar: FrameGrammar, pattern: regex.Pattern) -> list[Span]:
    spans, seen = [], set()
    matches = (m for start, end in _windows(text) for m in pattern.finditer(text, start, end, overlapped=True))
    for m in matches:
        if "提案" not in text[max(0, m.start() - PROPOSAL_CONTEXT):m.end()]:
            continue
        told = m.groupdict()
        if told.get("outcome_after"):
            start, end = m.start("num"), m.end("unit")
            if start not in seen:
                seen.add(start)
                spans.append(Span(start=start, end=end, text=text[start:end], metric="proposals_by_kind",
                                  value=parse_value(m.group("num")), unit="%", qualifier="exact",
                                  scope=told["outcome_after"], rule_id="frame.proposals_by_kind"))
            continue
        if _roles(grammar, m.group("scope")) & COUNTING_ROLES:
            continue  # 共收到提案536件 is the total, not a kind
        if "来自" in text[clause_start(text, m.start(), CLAUSE):m.start()]:
            continue  # 收到来自委员、各参加单位的提案688件: a total told by where it came from
        if grammar.honours.match(text, m.end("unit")):
            continue  # 其中10件列为重点提案: what they were made is what counts them (_read)
        named = text.rfind("提案", m.start("scope"), m.start("num"))
        head = _head(grammar, text[m.start("scope"):named + 2] if named >= 0 else m.group("scope"))
        if head and head != "proposal":
            continue  # the head is another object (调研报告24件) or a key proposal (主办的重点提案有4件)
        scope = LEADING_WORDS.sub("", m.group("scope")).strip("、和及与“”") or None
        if scope and m.groupdict().get("handled"):
            scope += m.group("handled")
        start, end = m.start("num"), m.end("unit")
        if start in seen:
            continue
        seen.add(start)
        spans.append(Span(start=start, end=end, text=text[start:end], metric="proposals_by_kind",
                          value=parse_value(m.group("num")), unit=m.group("unit"),
                          qualifier="more_than" if m.group("approx") else "exact",
                          scope=scope, rule_id="frame.proposals_by_kind"))
    return spans


# The rule layer leaves these without a scope: the name is the metric itself.
UNSCOPED_RATES = frozenset({"proposal_acceptance_rate", "proposal_basic_satisfaction_rate", "sqmy_adoption_rate"})
RATE_NAME = r"[\p{Han}、]{1,12}?率"
# Names joined by 和/、/及, then 分别 with as many values, or 均 with one.
RATE_LIST = regex.compile(
    rf"(?P<name>{RATE_NAME})(?:[和、及与](?P<name>{RATE_NAME}))+"
    r"(?:(?P<each>分别)(?:达到|达|为|是)?(?P<value>\d+(?:\.\d+)?%)(?:[和、及与](?P<value>\d+(?:\.\d+)?%))+"
    r"|(?P<all>均)(?:达到|达|为|是|保持)?(?P<value>\d+(?:\.\d+)?%))")


def _rate_span(text: str, start: int, end: int, metric: str, scope: str | None, rule_id: str) -> Span:
    """The span of a rate's value text[start:end] (96.5%)."""
    return Span(start=start, end=end, text=text[start:end], metric=metric, value=float(text[start:end - 1]),
                unit="%", qualifier="exact", scope=scope, rule_id=rule_id)


def _rate_metric(grammar: FrameGrammar, name: str) -> str | None:
    """The metric of a rate's name by its longest known ending; `other` for a rate of
    the body's work that no ending fits (见面率), None for one that is no observation."""
    known = next((metric for ending, metric in grammar.rate_endings if name.endswith(ending)), None)
    if known is not None:
        return known
    return None if name.endswith(grammar.uncounted_rates) else "other"


def rate_list_spans(text: str, rules: RuleSet) -> list[Span]:
    """Rates named together: 分别 pairs names and values in order (their counts must
    agree), 均 gives every name the one value. Names that are no known rate are skipped."""
    grammar = rules.frames
    if grammar is None or not grammar.rate_endings:
        return []
    spans = []
    for m in RATE_LIST.finditer(text):
        names, values = m.captures("name"), list(zip(m.starts("value"), m.ends("value")))
        if m.group("each") and len(names) != len(values):
            continue
        for k, name in enumerate(names):
            metric = _rate_metric(grammar, name.lstrip("、"))
            if metric is None:
                continue
            start, end = values[k] if m.group("each") else values[0]
            spans.append(_rate_span(text, start, end, metric, None if metric in UNSCOPED_RATES else name.lstrip("、"),
                                    f"frame.rate_list.{metric}"))
    return spans


# One rate and its value (面办率为97.1%): the name is the words of its clause before 率.
ONE_RATE = regex.compile(r"(?P<name>\p{Han}{1,12}?率)(?:为|达到|达|是|保持在|保持)?(?P<value>\d+(?:\.\d+)?%)")


def other_rate_spans(text: str, rules: RuleSet, taken: list[Span]) -> list[Span]:
    """A rate of the body's work that no metric names, for the numbers nothing read."""
    grammar = rules.frames
    if grammar is None:
        return []
    starts = {s.start for s in taken}
    spans = []
    for m in ONE_RATE.finditer(text):
        start, end = m.span("value")
        if start in starts or _rate_metric(grammar, m.group("name")) != "other":
            continue
        sentence = clause_start(text, m.start(), SENTENCE_END)
        if any(n.unit != "%" for n in find_numbers(text[sentence:m.start()])):
            continue  # a share that restates the count before it is no record (spec §4 rule 13)
        spans.append(_rate_span(text, start, end, "other", m.group("name"), "frame.rate.other"))
    return spans
