#!/bin/sh
# Debian package post-install: give the logged-in user access to SEGGER J-Link probes and keep
# ModemManager away from their serial ports (rules shipped in resources/udev).
set -e
rules=/opt/Matterline/resources/udev/99-matterline-segger.rules
if [ -f "$rules" ]; then
  install -m 0644 "$rules" /etc/udev/rules.d/99-matterline-segger.rules
  udevadm control --reload-rules || true
  udevadm trigger --subsystem-match=usb --attr-match=idVendor=1366 || true
fi
