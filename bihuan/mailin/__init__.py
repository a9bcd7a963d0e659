"""Email intake: IMAP polling and MTA piping into the one registration service."""
