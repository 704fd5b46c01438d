"""Pictures of the bot in Discord, made from the payloads it really sends.

    python -m docs.pictures.make_pictures        (or: make pictures)

The bot runs on the shipped knowledge inside the harness of tests/discord_app: real discord.py
objects and the real command tree, HTTP captured instead of sent. Each scene's slash command is
run as a member would run it, the message the bot sent becomes a page in Discord's dark look
(docs/pictures/discord_html.py), and headless Chromium takes a screenshot cropped to the message.
Nothing is drawn by hand, so a picture changes only when what the bot sends changes.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if not __package__:  # run as a file: import this checkout's bot and tests, not an installed copy
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402 - after the path is set; MonkeyPatch is how the harness captures HTTP

from bot.config import DEFAULT_KNOWLEDGE_DIR, read_engine_options  # noqa: E402
from bot.core.matching.engine import EngineOptions  # noqa: E402
from docs.pictures.discord_html import PAGE_WIDTH, message_html  # noqa: E402
from tests.discord_app.harness import ASKER, Harness, bot_user, build_bot, user_payload  # noqa: E402

OUT_DIR = ROOT / "docs" / "pictures"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
#: Tall enough for any single message; the screenshot is then cut to the message's own height.
MEASURE_HEIGHT = 4000
#: What the pictures may weigh at most (they live in the repository).
MAX_BYTES = 200_000


@dataclass(frozen=True)
class Scene:
    """One picture: a slash command with its options, as a member types it."""

    name: str
    command: str
    options: tuple[tuple[str, str], ...]
    #: One line for the README's alt text.
    alt: str


SCENES = (
    Scene(
        "antwort",
        "frage",
        (("frage", "Warum bereute Sutskever seine Beteiligung?"),),
        "Antwort auf /frage: vier Aussagen mit den Labels bestätigt, unklar, Gerücht und Vermutung, "
        "nummerierte Quellen und der Stand",
    ),
    Scene(
        "timeline",
        "timeline",
        (("von", "17.11.2023"),),
        "/timeline ab 17.11.2023: Ereignisse mit Zeit und Label-Emojis, Seite 1 mit Blätter-Knöpfen",
    ),
    Scene(
        "meintest-du",
        "frage",
        (("frage", "Rückkehr?"),),
        "„Meintest du …?“ auf die mehrdeutige Frage „Rückkehr?“, mit einem Knopf je Thema und „Nichts davon“",
    ),
)


@dataclass(frozen=True)
class Shot:
    """A scene and the message payload the bot sent for it."""

    scene: Scene
    message: dict[str, Any]

    def html(self) -> str:
        return message_html(
            self.message,
            author=bot_user()["username"],
            member=user_payload(ASKER)["username"],
            command=self.scene.command,
        )


async def capture(
    scenes: tuple[Scene, ...] = SCENES,
    knowledge: Path = DEFAULT_KNOWLEDGE_DIR,
    options: EngineOptions | None = None,
) -> list[Shot]:
    """Run each scene's command through the bot and keep the message it sent."""
    with pytest.MonkeyPatch.context() as patch:
        harness = Harness(build_bot(knowledge, options=options or read_engine_options()))
        harness.install(patch)
        await harness.start()
        shots = []
        for scene in scenes:
            typed = [{"name": name, "type": 3, "value": value} for name, value in scene.options]
            await harness.command(scene.command, typed)
            shots.append(Shot(scene, harness.last_message()))
    return shots


def find_browser() -> str:
    for name in BROWSERS:
        if found := shutil.which(name):
            return found
    raise SystemExit(
        "make_pictures: Chromium not found. Install it (Debian: "
        "apt-get install -y chromium fonts-dejavu-core fonts-noto-color-emoji) and run again."
    )


def run_browser(browser: str, profile: Path, *arguments: str) -> str:
    """Headless Chromium with fixed scale and fonts' rendering, so the pictures stay the same."""
    command = [
        browser,
        "--headless",
        "--disable-gpu",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--font-render-hinting=none",
        f"--user-data-dir={profile}",
        *(["--no-sandbox"] if os.geteuid() == 0 else []),  # Chromium refuses root otherwise
        *arguments,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise SystemExit(f"make_pictures: {browser} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def screenshot(page: str, png: Path, browser: str) -> None:
    """The page once to measure the message's height, then a screenshot of exactly that size."""
    with tempfile.TemporaryDirectory() as folder:
        html_file = Path(folder) / "page.html"
        html_file.write_text(page, encoding="utf-8")
        profile = Path(folder) / "profile"
        dom = run_browser(
            browser, profile, f"--window-size={PAGE_WIDTH},{MEASURE_HEIGHT}", "--dump-dom", html_file.as_uri()
        )
        measured = re.search(r'data-height="(\d+)"', dom)
        if measured is None:
            raise SystemExit("make_pictures: the page did not report its height (JavaScript off?)")
        size = f"--window-size={PAGE_WIDTH},{measured[1]}"
        run_browser(browser, profile, size, f"--screenshot={png}", html_file.as_uri())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="folder for the PNG files")
    parser.add_argument("--html", action="store_true", help="also keep each page as .html beside its PNG")
    args = parser.parse_args(argv)
    browser = find_browser()  # before the engine is built: fail in a second, not after minutes
    print("Building the engine on the shipped knowledge (minutes the first time, then cached) …")
    shots = asyncio.run(capture())
    args.out.mkdir(parents=True, exist_ok=True)
    too_big = []
    for shot in shots:
        png = args.out / f"{shot.scene.name}.png"
        page = shot.html()
        if args.html:
            png.with_suffix(".html").write_text(page, encoding="utf-8")
        screenshot(page, png, browser)
        size = png.stat().st_size
        print(f"{png.relative_to(ROOT) if png.is_relative_to(ROOT) else png}: {size // 1000} KB")
        if size > MAX_BYTES:
            too_big.append(png.name)
    if too_big:
        print(f"make_pictures: over {MAX_BYTES // 1000} KB: {', '.join(too_big)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
