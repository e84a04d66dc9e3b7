#!/usr/bin/env bash
# Makes the test PKI for the TLS inspection tests in DIR, with the openssl CLI:
#   testca.pem/.key        a test CA that esafety trusts via [tls] extra_trust_file
#   good.pem/.key          signed by the test CA for the names in GOOD_NAMES
#   untrusted.pem/.key     self-signed (no CA esafety trusts)
#   expired.pem/.key       signed by the test CA, but expired in 2020
#   wrongname.pem/.key     signed by the test CA for another name
# Usage: make_test_certs.sh DIR "name1 name2 ..."
set -euo pipefail
DIR="$1"
GOOD_NAMES="$2"
cd "$DIR"
ossl() { openssl "$@" 2>/dev/null; }

ossl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout testca.key -out testca.pem \
  -days 30 -subj "/CN=esafety test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"

san=""
for n in $GOOD_NAMES; do san+="DNS:$n,"; done
leaf() {  # leaf NAME SAN [extra x509 args]
  local name="$1" alt="$2"
  shift 2
  ossl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$name.key" -out "$name.csr" \
    -subj "/CN=$name"
  printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' "$alt" > "$name.ext"
  ossl x509 -req -in "$name.csr" -CA testca.pem -CAkey testca.key -CAcreateserial -out "$name.pem" \
    -days 30 -extfile "$name.ext" "$@"
}
leaf good "${san%,}"
leaf wrongname "DNS:someone-else.example"

ossl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout untrusted.key -out untrusted.pem \
  -days 30 -subj "/CN=untrusted-demo.example" -addext "subjectAltName=DNS:untrusted-demo.example"

# An expired certificate needs dates in the past: `openssl ca` can set them.
mkdir -p ca-db
: > ca-db/index.txt
echo 1000 > ca-db/serial
cat > ca.cnf <<CNF
[ ca ]
default_ca = test
[ test ]
dir = $DIR/ca-db
database = \$dir/index.txt
new_certs_dir = \$dir
serial = \$dir/serial
default_md = sha256
policy = any
copy_extensions = copy
unique_subject = no
[ any ]
commonName = supplied
CNF
ossl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout expired.key -out expired.csr \
  -subj "/CN=expired-demo.example" -addext "subjectAltName=DNS:expired-demo.example"
ossl ca -batch -config ca.cnf -cert testca.pem -keyfile testca.key -in expired.csr -out expired.pem \
  -startdate 20200101000000Z -enddate 20200201000000Z -notext
test -s expired.pem
