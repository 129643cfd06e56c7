#!/bin/sh
# One-shot MinIO setup for the compose stack (service `minio-init`, image minio/mc).
# Idempotent: safe to run on every `docker compose up`.
#
#  1. bucket $WARDEN_S3_BUCKET, with versioning ON (the purge must remove every version and
#     delete marker, so the stack exercises the versioned-bucket path);
#  2. a MinIO user $WARDEN_S3_ACCESS_KEY / $WARDEN_S3_SECRET_KEY limited to that bucket, which
#     is what worker and starter-api use (skipped when it is the root user itself).
set -eu

: "${MINIO_URL:=http://minio:9000}"
: "${MINIO_ROOT_USER:?}" "${MINIO_ROOT_PASSWORD:?}"
: "${WARDEN_S3_BUCKET:?}" "${WARDEN_S3_ACCESS_KEY:?}" "${WARDEN_S3_SECRET_KEY:?}"

ALIAS=stack
POLICY=warden-data-rw

mc alias set "$ALIAS" "$MINIO_URL" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD"

mc mb --ignore-existing "$ALIAS/$WARDEN_S3_BUCKET"
mc version enable "$ALIAS/$WARDEN_S3_BUCKET"
mc version info "$ALIAS/$WARDEN_S3_BUCKET"

if [ "$WARDEN_S3_ACCESS_KEY" = "$MINIO_ROOT_USER" ]; then
  echo "minio-init: Warden uses the MinIO root user; no bucket-scoped user created"
else
  # Everything on this one bucket (versions and delete markers included), nothing elsewhere.
  printf '%s\n' \
    '{' \
    '  "Version": "2012-10-17",' \
    '  "Statement": [' \
    '    {' \
    '      "Effect": "Allow",' \
    '      "Action": ["s3:*"],' \
    "      \"Resource\": [\"arn:aws:s3:::$WARDEN_S3_BUCKET\", \"arn:aws:s3:::$WARDEN_S3_BUCKET/*\"]" \
    '    }' \
    '  ]' \
    '}' > /tmp/warden-policy.json
  mc admin policy create "$ALIAS" "$POLICY" /tmp/warden-policy.json
  mc admin user add "$ALIAS" "$WARDEN_S3_ACCESS_KEY" "$WARDEN_S3_SECRET_KEY"
  # `attach` refuses a policy that is already attached; on a re-run that is success.
  if ! mc admin policy attach "$ALIAS" "$POLICY" --user "$WARDEN_S3_ACCESS_KEY"; then
    case "$(mc admin user info "$ALIAS" "$WARDEN_S3_ACCESS_KEY")" in
      *"$POLICY"*) echo "minio-init: policy $POLICY already attached" ;;
      *) echo "minio-init: could not attach policy $POLICY to $WARDEN_S3_ACCESS_KEY" >&2; exit 1 ;;
    esac
  fi
fi

echo "minio-init: bucket $WARDEN_S3_BUCKET ready (versioning enabled)"
