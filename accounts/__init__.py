"""Staff accounts: login throttling, two-factor sign-in and password rules for the admin."""
