"""The demo content: checked facts from shared/content/facts.md and the pages built on them."""
