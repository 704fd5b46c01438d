"""The moderators' handbook (docs/moderation.md) shows only examples that really work.

Every ```yaml block of the handbook is marked by an HTML comment on the line above it:

- `<!-- anhängen: knowledge/FILE.yaml -->`: entries appended to the end of that real file;
- `<!-- snippets -->`: a `    snippets:` list, put into an FAQ entry of a file of its own;
- `<!-- datei: knowledge/FILE.yaml -->`: a complete new file;
- `<!-- falsch: knowledge/FILE.yaml -->`: a complete file with a mistake on purpose; the ```text
  block after it is what `python -m bot validate knowledge` prints, line by line (a line ending
  in " …" is cut short: it stands for every line starting with it).

The good blocks are applied in the handbook's order to one copy of the real `knowledge/` folder,
as a moderator working through the steps would, and the copy must validate after every one of
them. Each mistake is put into a fresh copy and must be refused with exactly the lines shown.
Commands, slash commands and labels the handbook names are checked against the real ones.
"""

from __future__ import annotations

import asyncio
import re
import shlex
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from bot.__main__ import main, parse_args
from bot.core.knowledge.loader import KnowledgeError, load_knowledge
from bot.core.moderation.gap_export import faq_skeletons
from bot.core.moderation.gaps import AskedQuestion, Gap
from bot.core.store import ReloadOutcome
from bot.discord_app.translations import COMMAND_NAMES
from bot.render.insights import gap_lines
from bot.render.moderation import reload_embed
from tests.conftest import KNOWLEDGE, PROJECT_ROOT

HANDBOOK = PROJECT_ROOT / "docs" / "moderation.md"
MARKER = re.compile(r"<!--\s*(anhängen|snippets|datei|falsch|ausgabe)(?::\s*(\S+))?\s*-->")
GOOD_KINDS = ("anhängen", "snippets", "datei")
CUT = " …"


@dataclass(frozen=True)
class Block:
    """One fenced block of the handbook, with the marker on the line above it (if any)."""

    line: int  # of the opening fence, 1-based, for messages
    lang: str
    text: str
    kind: str | None
    target: str | None

    @property
    def where(self) -> str:
        return f"docs/moderation.md:{self.line}"


def read_blocks(text: str) -> list[Block]:
    blocks, lines, index = [], text.splitlines(), 0
    while index < len(lines):
        if not lines[index].startswith("```"):
            index += 1
            continue
        start, lang = index, lines[index][3:].strip()
        end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("```"))
        marker = MARKER.fullmatch(lines[start - 1].strip()) if start else None
        body = "".join(line + "\n" for line in lines[start + 1 : end])
        kind, target = (marker.group(1), marker.group(2)) if marker else (None, None)
        blocks.append(Block(start + 1, lang, body, kind, target))
        index = end + 1
    return blocks


HANDBOOK_TEXT = HANDBOOK.read_text(encoding="utf-8")
#: The prose with its line breaks undone, for quotations that wrap.
PROSE = " ".join(HANDBOOK_TEXT.split())
BLOCKS = read_blocks(HANDBOOK_TEXT)
MISTAKES = [(block, BLOCKS[i + 1]) for i, block in enumerate(BLOCKS) if block.kind == "falsch"]


# --- running validate as a moderator does, in a copy of the real knowledge -------------------------


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding a fresh copy of the real knowledge as `knowledge/`, made the working directory.

    Messages then name files as the handbook shows them: `knowledge/faq-neu.yaml:6: …`.
    """
    shutil.copytree(KNOWLEDGE, tmp_path / "knowledge")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def validate(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """`python -m bot validate knowledge`, in this process: exit code and the lines on stderr."""
    capsys.readouterr()
    code = main(["validate", "knowledge"])
    return code, capsys.readouterr().err.splitlines()


def apply(block: Block, folder: Path, number: int) -> None:
    """Put a good block into the knowledge folder the way the handbook tells moderators to."""
    if block.kind == "anhängen":
        target = folder.parent / block.target
        existing = target.read_text(encoding="utf-8")
        sections = [line for line in existing.splitlines() if re.match(r"[a-z_]+:", line)]
        assert len(sections) == 1, f"{block.target} must hold one section to append to, has {sections}"
        target.write_text(existing.rstrip("\n") + "\n\n" + block.text, encoding="utf-8")
    elif block.kind == "snippets":
        assert block.text.startswith("    snippets:\n"), f"{block.where}: starts with '    snippets:'"
        probe = f'faq:\n  - id: faq-handbuch-{number}\n    title: "Handbuch {number}"\n'
        probe += f'    questions: ["Handbuch-Beispiel {number}"]\n'
        (folder / f"handbuch-{number}.yaml").write_text(probe + block.text, encoding="utf-8")
    else:
        assert not (folder.parent / block.target).exists(), f"{block.where}: {block.target} exists"
        (folder.parent / block.target).write_text(block.text, encoding="utf-8")


def matches(expected: str, actual: str) -> bool:
    return actual.startswith(expected[: -len(CUT)]) if expected.endswith(CUT) else actual == expected


def warnings(lines: list[str]) -> set[str]:
    return {line for line in lines if ": Warnung: " in line}


# --- the examples ---------------------------------------------------------------------------------


def test_every_yaml_block_is_marked_and_every_mistake_shows_its_message() -> None:
    yaml_blocks = [block for block in BLOCKS if block.lang == "yaml"]
    assert len(yaml_blocks) >= 8, "the handbook lost its examples"
    for block in yaml_blocks:
        assert block.kind in (*GOOD_KINDS, "falsch"), f"{block.where}: a yaml block needs a marker"
        assert block.kind == "snippets" or block.target, f"{block.where}: the marker names no file"
    assert {block.kind for block in yaml_blocks} == {*GOOD_KINDS, "falsch"}
    for mistake, shown in MISTAKES:
        assert shown.lang == "text" and shown.kind is None, f"{mistake.where}: no ```text after it"


def test_the_walkthrough_keeps_the_knowledge_valid_after_every_step(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, before = validate(capsys)
    assert code == 0, "\n".join(before)
    seen = warnings(before)
    good = [block for block in BLOCKS if block.kind in GOOD_KINDS]
    for number, block in enumerate(good, 1):
        apply(block, workdir / "knowledge", number)
        code, lines = validate(capsys)
        refused = [line for line in lines if ": Warnung: " not in line]
        assert code == 0 and not refused, f"{block.where}: this example breaks the knowledge:\n" + "\n".join(
            refused
        )
        for line in warnings(lines) - seen:  # a warning a step causes must be one the handbook explains
            assert line.split(": Warnung: ", 1)[1] in PROSE, f"{block.where}: unexplained {line}"
        seen |= warnings(lines)
    assert warnings(lines) == warnings(before), "after the last step every new source is cited"


def test_a_broken_example_would_fail_the_walkthrough(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The check above can fail: the first example with a misspelt label is refused, and named."""
    first = next(block for block in BLOCKS if block.kind == "anhängen")
    assert "label: bestätigt" in first.text
    broken = first.text.replace("label: bestätigt", "label: bestaetigt")
    apply(Block(first.line, first.lang, broken, first.kind, first.target), workdir / "knowledge", 1)
    code, lines = validate(capsys)
    assert code == 1 and lines[-1] == "1 Fehler; das Wissen wird abgelehnt.", lines
    assert lines[0].startswith(f"{first.target}:") and "„bestaetigt“" in lines[0], lines


@pytest.mark.parametrize(("mistake", "shown"), MISTAKES, ids=[m.where for m, _ in MISTAKES])
def test_each_mistake_is_refused_with_the_lines_shown(
    workdir: Path, capsys: pytest.CaptureFixture[str], mistake: Block, shown: Block
) -> None:
    (workdir / mistake.target).write_text(mistake.text, encoding="utf-8")
    code, lines = validate(capsys)
    expected = shown.text.splitlines()
    assert code == 1
    assert len(lines) == len(expected) and all(map(matches, expected, lines)), (
        f"{mistake.where}: validate says\n" + "\n".join(lines)
    )


def shown_gap() -> tuple[Block, Gap]:
    """The handbook's FAQ skeleton and the gap it was exported from (its questions, count and day)."""
    skeleton = next(block for block in BLOCKS if block.text.startswith("# FAQ-Skelette"))
    asked = re.search(r"# (\d+)× gefragt, zuletzt (\d{4}-\d\d-\d\d)", skeleton.text)
    assert asked, "the skeleton lost its '# N× gefragt, zuletzt DAY' line"
    day = datetime.fromisoformat(asked[2]).replace(hour=12, tzinfo=UTC)
    questions = yaml.safe_load(skeleton.text)["faq"][0]["questions"]
    listing = next(block for block in BLOCKS if block.kind == "ausgabe" and block.target == "gaps")
    counts = [int(n) for n in re.findall(r"\((\d+)×\)", listing.text)]
    first = int(asked[1]) - sum(counts)
    variants = [AskedQuestion(q, n, day, day) for q, n in zip(questions, [first, *counts], strict=True)]
    return skeleton, Gap(tuple(variants))


def test_the_skeleton_and_the_gap_list_are_what_the_bot_writes() -> None:
    skeleton, gap = shown_gap()
    assert faq_skeletons([gap], load_knowledge(KNOWLEDGE)) == skeleton.text
    listing = next(block for block in BLOCKS if block.kind == "ausgabe" and block.target == "gaps")
    assert listing.text.splitlines() == ["Offene Lücken, meistgefragt zuerst:", *gap_lines([gap])]


def test_the_refused_reload_looks_as_shown(workdir: Path) -> None:
    """What `/wissen neu-laden` answers for the handbook's mistake whose message it shows."""
    shown = next(b for b in BLOCKS if b.kind == "ausgabe" and b.target == "neu-laden-abgelehnt")
    title, count, error, footer = shown.text.splitlines()
    mistake = next(m for m, output in MISTAKES if matches(error, output.text.splitlines()[0]))
    knowledge = load_knowledge(Path("knowledge"))
    (workdir / mistake.target).write_text(mistake.text, encoding="utf-8")
    with pytest.raises(KnowledgeError) as refused:  # what KnowledgeStore.reload catches
        load_knowledge(Path("knowledge"))
    outcome = ReloadOutcome(datetime.now(UTC), False, errors=tuple(refused.value.errors))
    embed = reload_embed(outcome, knowledge)
    description = embed.description.splitlines()
    assert (title, count) == (embed.title, description[0])
    assert matches(error, description[2]) and matches(footer, embed.footer.text)


# --- names the handbook uses ----------------------------------------------------------------------


def shown_commands() -> list[str]:
    """Every `python -m bot …` the handbook shows, in prose or a shell block, up to a comment.

    YAML blocks are left out: the one that names a command is the exporter's own header comment.
    """
    text = HANDBOOK_TEXT
    for block in BLOCKS:
        text = text.replace(block.text, "") if block.lang == "yaml" else text
    found = re.findall(r"python -m bot ([^`\n)]*)", text)
    commands = {command.split(" #")[0].strip() for command in found}
    return sorted(command for command in commands if command.strip("… "))


@pytest.mark.parametrize("command", shown_commands())
def test_every_command_shown_is_one_the_cli_takes(command: str) -> None:
    args = parse_args(shlex.split(command.replace("…", "")))  # the parser exits on anything unknown
    assert args.command in {"validate", "labels", "ask", "gaps", "run"}


def test_the_handbook_shows_the_moderators_commands() -> None:
    assert {"validate knowledge", "gaps", "gaps --export knowledge/_luecken.yaml", "run --watch"} <= set(
        shown_commands()
    )


def real_slash_commands() -> set[str]:
    """Qualified names of the slash commands the real bot registers ("wissen neu-laden")."""
    from tests.discord_app.harness import build_bot

    async def names() -> set[str]:
        bot = build_bot(KNOWLEDGE)
        try:
            await bot._async_setup_hook()
            await bot.setup_hook()
            return {command.qualified_name for command in bot.tree.walk_commands()}
        finally:
            await bot.close()

    return asyncio.run(names())


def test_every_slash_command_shown_exists_in_german_or_english() -> None:
    german = real_slash_commands()
    english = {" ".join(COMMAND_NAMES[part] for part in name.split()) for name in german}
    groups = {name.split()[0] for name in german if " " in name}
    shown = re.findall(r"`/([\w-]+)(?: ([\w-]+))?", HANDBOOK_TEXT)
    assert len(shown) >= 5
    for first, second in shown:
        name = f"{first} {second}" if first in groups or first == "knowledge" else first
        assert name in german | english, f"the handbook names /{name}, the bot has no such command"
    assert {"wissen neu-laden", "wissen status", "wissen lücken"} <= {f"{a} {b}" for a, b in shown}


def test_the_label_table_is_the_labels_of_the_knowledge() -> None:
    rows = re.findall(r"^\| (\S+) `([^`]+)` \|.*\| (ja|nein) \|$", HANDBOOK_TEXT, re.M)
    labels = load_knowledge(KNOWLEDGE).labels
    assert {label_id for _, label_id, _ in rows} == set(labels)
    for emoji, label_id, primary in rows:
        assert emoji == labels[label_id].emoji, label_id
        assert (primary == "ja") == labels[label_id].confirmed, label_id
