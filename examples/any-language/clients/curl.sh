#!/bin/sh
# Client-credentials token from https://{tssd}.auth.marketingcloudapis.com/v2/token, then REST
# /platform/v1/tokenContext on the rest_instance_url the token response names. Plain curl: the proxy
# (HTTPS_PROXY) and the CA bundle (CURL_CA_BUNDLE) come from the environment only.
# Needs SFMC_AUTH_URL (https://{tssd}.auth.marketingcloudapis.com/), SFMC_CLIENT_ID, SFMC_CLIENT_SECRET
# and SFMC_ACCOUNT_ID. Prints the tokenContext JSON.
set -eu
token_response=$(curl -sS --fail-with-body -X POST "${SFMC_AUTH_URL}v2/token" \
  -H 'content-type: application/json' \
  -d "{\"grant_type\":\"client_credentials\",\"client_id\":\"$SFMC_CLIENT_ID\",\"client_secret\":\"$SFMC_CLIENT_SECRET\",\"account_id\":$SFMC_ACCOUNT_ID}")
field() { printf '%s' "$token_response" | sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
access_token=$(field access_token)
rest_url=$(field rest_instance_url)
curl -sS --fail-with-body "${rest_url}platform/v1/tokenContext" -H "authorization: Bearer $access_token"
echo
