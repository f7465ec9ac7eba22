"""A synthetic news corpus that looks like real data, for the benchmarks' big caches.

Words are drawn with Zipf frequencies (the r-th most frequent word has weight 1 / r) from a
vocabulary of common Chinese words and the demo site's phrases (:mod:`newsreader.demo.vocab`),
shuffled by a fixed seed so that no single topic dominates; a few tokens are Latin words,
numbers, dates or URLs; sentences, paragraphs and articles have varied lengths (a few one-line
notices, mostly a screenful, some long reports). The same seed always gives the same corpus.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from newsreader.demo import vocab

# Common modern Chinese words (function words first, then frequent news vocabulary).
COMMON_WORDS = tuple(
    """
的 了 是 在 和 有 我们 这 个 他 中 为 也 对 就 以 等 上 不 与 人 到 说 将 要 会 都 着 把 被 从
而 及 并 其 此 已 又 或 但 由 向 于 之 所 该 这些 那 一个 我国 中国 国家 发展 工作 社会 经济
建设 问题 情况 进行 方面 通过 一些 没有 可以 这个 自己 已经 目前 进一步 同时 企业 市场 政府
部门 地区 全国 国际 世界 城市 农村 学校 学生 教师 教育 科学 技术 研究 创新 改革 开放 管理
服务 质量 安全 环境 生态 文化 历史 健康 医疗 卫生 人民 群众 干部 组织 领导 会议 活动 项目
计划 方案 政策 制度 标准 体系 能力 水平 作用 影响 重要 主要 重点 关键 基本 全面 积极 有效
加强 推进 推动 促进 提高 提升 完善 落实 实施 开展 组织 举办 召开 参加 出席 表示 指出 强调
认为 介绍 提出 要求 希望 今年 去年 明年 近年来 目前 当前 未来 期间 以来 之后 之前 今天 日前
记者 报道 新闻 信息 数据 网络 平台 系统 产业 行业 产品 合作 交流 专家 学者 大学 学院 中心
委员会 协会 公司 单位 人员 人才 青年 毕业生 招聘 岗位 培训 实习 基地 资源 资金 投资
增长 规模 总量 比例 百分点 亿元 万元 万人 多个 第一 首次 共同 相关 各类 各级 不断 持续 深入
""".split()  # noqa: SIM905 - a word list reads best as text
)

ZIPF_S = 1.1
"""Zipf exponent: the r-th most frequent word has weight 1 / r**ZIPF_S."""

LATIN_WORDS = (
    "AI", "GDP", "CPI", "5G", "IT", "APP", "PhD", "MBA", "CEO", "VR", "IoT", "Python",
    "Nature", "Science", "IEEE", "ACM", "ChatGPT", "COVID-19", "WHO", "NBA", "iPhone", "Wi-Fi",
    "University", "Research", "Innovation", "Forum", "Summit", "online", "open", "data",
    "ISO9001", "HSK", "TOEFL", "GRE", "SCI", "EI", "CSSCI", "MOOC", "STEM", "ESG",
)  # fmt: skip


def _demo_phrases() -> list[str]:
    groups = (
        vocab.ORGS, vocab.PLACES, vocab.SUBJECTS, vocab.ADVERBS, vocab.VERBS, vocab.OBJECTS,
        vocab.HEADINGS, vocab.EVENTS, vocab.SPEAKERS, vocab.REGIONS,
    )  # fmt: skip
    phrases = [phrase for group in groups for phrase in group]
    # The demo is an employment association's site: nearly every phrase says 就业. Keep a few,
    # so that 就业 is a frequent word, not one in every article.
    topical = [phrase for phrase in phrases if "就业" in phrase]
    return [phrase for phrase in phrases if "就业" not in phrase] + topical[:3]


@dataclass(frozen=True)
class Corpus:
    """The vocabulary, ranked by frequency, and the generator of text over it.

    Attributes:
        words: The vocabulary, most frequent first.
        seed: The seed the generators start from.
    """

    words: tuple[str, ...]
    seed: int

    @classmethod
    def build(cls, seed: int = 7) -> Corpus:
        """Rank common words and demo phrases in a seeded order (function words stay on top)."""
        rng = random.Random(seed)
        common = list(COMMON_WORDS[40:])
        rng.shuffle(common)
        # The demo's phrases (an employment association's news) are the rare tail: on top they
        # would put 就业 in every article.
        phrases = _demo_phrases()
        rng.shuffle(phrases)
        return cls(tuple(dict.fromkeys([*COMMON_WORDS[:40], *common, *phrases])), seed)

    def writer(self, seed: int | None = None) -> TextWriter:
        """Return a text generator over this corpus."""
        return TextWriter(self, random.Random(self.seed if seed is None else seed))


class TextWriter:
    """Draws words, sentences, paragraphs and titles from a :class:`Corpus`."""

    def __init__(self, corpus: Corpus, rng: random.Random) -> None:
        self._rng = rng
        self._words = corpus.words
        weights = (1.0 / rank**ZIPF_S for rank in range(1, len(corpus.words) + 1))
        self._cum = list(itertools.accumulate(weights))

    def _token(self, roll: float) -> str | None:
        """A non-Chinese token for ~4 % of the draws (``None`` for the others)."""
        rng = self._rng
        if roll < 0.012:
            return rng.choice(LATIN_WORDS)
        if roll < 0.03:
            return str(rng.choice((rng.randrange(2, 100), rng.randrange(100, 100_000))))
        if roll < 0.036:
            return f"{rng.randrange(2015, 2027)}年{rng.randrange(1, 13)}月{rng.randrange(1, 29)}日"
        if roll < 0.039:
            return f"{rng.randrange(1, 100)}.{rng.randrange(10)}%"
        if roll < 0.0392:
            host = rng.choice(("edu", "gov", "news"))
            path = f"{rng.randrange(1000, 1100)}/{rng.randrange(10**4, 10**5)}"
            return f"https://www.{host}.cn/info/{path}.htm"
        return None

    def words(self, count: int) -> list[str]:
        """``count`` tokens: Zipf-drawn words and, now and then, another kind of token."""
        drawn = self._rng.choices(self._words, cum_weights=self._cum, k=count)
        rolls = [self._rng.random() for _ in range(count)]
        out = []
        for word, roll in zip(drawn, rolls, strict=True):
            other = self._token(roll) if roll < 0.04 else None
            out.append(f" {other} " if other else word)
        return out

    def sentence(self) -> str:
        """One sentence of 4 to 30 tokens, with a comma or two, ending in a full stop."""
        tokens = self.words(self._rng.randrange(4, 31))
        for _ in range(len(tokens) // 10):
            tokens.insert(self._rng.randrange(2, len(tokens)), "，")
        return "".join(tokens).strip().replace("  ", " ") + self._rng.choice("。。。。！？")

    def paragraph(self) -> str:
        """One to seven sentences."""
        return "".join(self.sentence() for _ in range(self._rng.randrange(1, 8)))

    def paragraph_count(self) -> int:
        """Paragraphs in an article: mostly 3-12, some one-line notices, some reports of 40."""
        roll = self._rng.random()
        if roll < 0.1:
            return 1
        if roll < 0.9:
            return self._rng.randrange(3, 13)
        return self._rng.randrange(13, 41)

    def title(self) -> str:
        """A headline of 3 to 9 tokens (no full stop)."""
        return "".join(self.words(self._rng.randrange(3, 10))).strip().replace("  ", " ")
