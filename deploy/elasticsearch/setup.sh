#!/usr/bin/env bash
# One-shot (the compose file's `elasticsearch-setup`): give the site its own Elasticsearch user,
# allowed to manage only the indices whose names start with ELASTICSEARCH_INDEX_PREFIX, so the
# application never holds the superuser's password. Safe to run again: it creates or updates
# the role and the user, and sets the password to the one in the environment.
#
# Needs: ELASTIC_PASSWORD (the `elastic` superuser), ELASTICSEARCH_APP_USER,
# ELASTICSEARCH_APP_PASSWORD, ELASTICSEARCH_INDEX_PREFIX; ES_SETUP_URL (http://elasticsearch:9200).
set -euo pipefail

url="${ES_SETUP_URL:-http://elasticsearch:9200}"
user="${ELASTICSEARCH_APP_USER:-kennisplatform}"
prefix="${ELASTICSEARCH_INDEX_PREFIX:-kennisplatform}"
: "${ELASTIC_PASSWORD:?ELASTIC_PASSWORD is not set}"
: "${ELASTICSEARCH_APP_PASSWORD:?ELASTICSEARCH_APP_PASSWORD is not set}"

# JSON-safe: the password goes into a JSON string.
case "$ELASTICSEARCH_APP_PASSWORD" in
  *'"'*|*'\'*) echo "ELASTICSEARCH_APP_PASSWORD must not contain quotes or backslashes." >&2; exit 2 ;;
esac

call() {  # method path body: print the answer, stop on anything but 2xx
  local answer status
  answer="$(curl --silent --show-error --user "elastic:${ELASTIC_PASSWORD}" \
    --request "$1" --header 'Content-Type: application/json' --data "$3" \
    --write-out '\n%{http_code}' "${url}$2")"
  status="${answer##*$'\n'}"
  echo "$1 $2: ${status} ${answer%$'\n'*}"
  case "$status" in 2??) ;; *) exit 1 ;; esac
}

echo "Waiting for Elasticsearch at ${url}..."
for _ in $(seq 1 60); do
  if curl --silent --fail --user "elastic:${ELASTIC_PASSWORD}" \
      "${url}/_cluster/health?wait_for_status=yellow&timeout=5s" >/dev/null; then
    break
  fi
  sleep 2
done

# monitor: cluster health and the node's modules (is analysis-common there?), for
# search_status and for choosing the analysis. all on <prefix>-*: create, fill, alias, delete.
call PUT "/_security/role/${user}" "{
  \"cluster\": [\"monitor\"],
  \"indices\": [{\"names\": [\"${prefix}-*\"], \"privileges\": [\"all\"]}]
}"
call POST "/_security/user/${user}" "{
  \"password\": \"${ELASTICSEARCH_APP_PASSWORD}\",
  \"roles\": [\"${user}\"],
  \"full_name\": \"Kennisplatform (${prefix}-*)\"
}"
echo "User ${user} may manage the indices ${prefix}-*."
