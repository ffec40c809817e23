"""`manage.py check --deploy` with README's production variables warns only of what
depends on the domain: HSTS for subdomains and the preload list."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()
DOMAIN_DEPENDENT = {"security.W005", "security.W021"}


def production_environment():
    """The variables README's "Production" block exports, with its placeholders filled in."""
    block = README.split("## Production", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    environment = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "DATABASE_URL"}}
    for line in block.splitlines():
        if line.startswith("export "):
            environment.update(assignment.split("=", 1) for assignment in line.split()[1:])
    environment.update(
        SECRET_KEY="k" + "x9Q2mZ7pR4vB8nL1wT6yH3cJ5fD0sG" * 2,
        DATABASE_URL=os.environ.get("DATABASE_URL", f"sqlite:///{ROOT / 'db.sqlite3'}"),
        REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
    )
    return environment


def test_readme_production_settings_pass_the_deploy_check_but_for_domain_choices():
    environment = production_environment()
    assert environment["SECURE_SSL_REDIRECT"] == "1" and "smtp" in environment["EMAIL_BACKEND"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "ERROR"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert set(re.findall(r"\(([a-z_]+\.[EW]\d+)\)", output)) <= DOMAIN_DEPENDENT, output
