#!/bin/sh
# Counts the calls made to it (in /data/hits) and answers with the count as JSON.
count=$(( $(cat /data/hits 2>/dev/null || echo 0) + 1 ))
echo "$count" >/data/hits
printf 'Content-Type: application/json\r\n\r\n'
printf '{"service":"api","host":"%s","hits":%d}\n' "$(hostname)" "$count"
