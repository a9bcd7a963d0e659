#!/usr/bin/env bash
# Dovecot IMAP from Debian's packages, for the email intake tests (tests/mailin/).
# The tests start their own server (own config, port and maildir in a temporary
# directory); the packaged service is neither needed nor started here.
set -euo pipefail
if command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if [ "$(id -u)" -ne 0 ]; then
  echo "install_dovecot.sh: run as root (apt-get install -y dovecot-imapd)" >&2
  exit 1
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends dovecot-imapd >/dev/null
