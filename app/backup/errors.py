"""How a backup or a restore stops: a refusal (nothing was touched) or a
failure; the command line turns either into its message and exit code."""

REFUSED = 2  # nothing was changed: a non-empty target, a tampered backup, a wrong engine
FAILED = 1  # a tool failed or the restored data does not match the manifest


class BackupError(Exception):
    """``message`` is for the operator (Chinese); ``exit_code`` for the shell."""

    def __init__(self, message, exit_code=FAILED):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


def refused(message):
    return BackupError(message, REFUSED)
