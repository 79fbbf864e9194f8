# The one consumer bench/http-load.sh and bench/scale.sh load (source it): a profile, a debt, an SMS
# consent and ten past events, through the API. Needs BASE and API_KEY.
#   bench_seed_consumer <consumerId> <runId>      # exits 1 if any write is not 2xx

bench_seed_consumer() {
  local CONSUMER=$1 RUN=$2 n=0 ch outcome days day dest code
  put() { curl -sS -m 5 -o /dev/null -w '%{http_code}' -X "$1" -H "X-Api-Key: $API_KEY" -H 'Content-Type: application/json' --data "$3" "$BASE$2"; }
  local seed_codes=()
  seed_codes+=("$(put PUT "/v1/consumers/$CONSUMER/profile" \
    '{"addresses":[{"country":"US","state":"OH","postalCode":"43215"}],"phones":[{"number":"+16145550100","type":"MOBILE"}]}')")
  seed_codes+=("$(put PUT "/v1/debts/d-load" '{"debtId":"d-load","consumerId":"'"$CONSUMER"'","creditor":"Acme Bank"}')")
  seed_codes+=("$(put POST "/v1/consumers/$CONSUMER/consents" \
    '{"kind":"TCPA","action":"GRANTED","channel":"SMS","destination":"+16145550100","scope":"ALL","source":"application","at":"2026-01-05T12:00:00Z"}')")
  for ev in CALL:NO_ANSWER:1 CALL:VOICEMAIL_NO_MESSAGE:2 SMS:DELIVERED:2 CALL:NO_ANSWER:4 CALL:BUSY:6 \
            EMAIL:DELIVERED:9 CALL:NO_ANSWER:12 SMS:DELIVERED:15 CALL:CONVERSATION:20 CALL:NO_ANSWER:27; do
    IFS=: read -r ch outcome days <<<"$ev"; n=$((n + 1))
    day=$(date -u -d "2026-06-10T12:00:00Z - $days days" +%Y-%m-%dT%H:%M:%SZ)
    if [[ $ch == EMAIL ]]; then dest='"email":"pat@example.com"'; else dest='"phone":"+16145550100"'; fi
    seed_codes+=("$(put POST /v1/contact-events '{"eventId":"evt-'"$RUN-$n"'","consumerId":"'"$CONSUMER"'","debtIds":["d-load"],"channel":"'"$ch"'","direction":"OUTBOUND","destination":{'"$dest"'},"outcome":"'"$outcome"'","at":"'"$day"'"}')")
  done
  echo "# seeded $CONSUMER: HTTP ${seed_codes[*]}"
  for code in "${seed_codes[@]}"; do [[ $code == 2* ]] || { echo "seeding failed (HTTP $code)" >&2; exit 1; }; done
}
