"""One storage interface for uploaded files, two backends chosen by
``STORAGE_URL``: a folder on this machine (embedded mode, the demo) and any
S3-compatible object store (production: Aliyun OSS, Tencent COS, MinIO,
SeaweedFS ... through boto3).

Operations: ``put(key, data, content_type)``, ``read(key)``, ``delete(key)``
and ``signed_url(key, expires_in)``, a URL that works without a login for
``expires_in`` seconds and then no more: the URL is the capability, so only
whoever may see the file is ever given one. The object store signs its own
(a presigned GET); the folder's URLs point at the app's own route
(app/files/routes.py), signed with an HMAC of the app's secret.
"""
import hashlib
import hmac
import os
import re
import shutil
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

# purpose/yyyymm/random.ext: no dots to climb, no leading slash, nothing a
# client chose (app.files.service makes every key).
KEY_PATTERN = re.compile(r"^[a-z_]{1,24}/[0-9]{6}/[A-Za-z0-9_-]{16,64}\.(jpg|png|xlsx)$")
CHUNK = 64 * 1024


class StoredFileMissing(LookupError):
    """No object under that key (deleted, or never stored)."""


class StorageUnavailable(RuntimeError):
    """The store cannot take files now (/readyz); the message is a short reason."""


def valid_key(key):
    return bool(KEY_PATTERN.match(key or ""))


def _check_key(key):
    if not valid_key(key):
        raise ValueError(f"not a storage key: {key!r}")


class LocalStorage:
    """Files in a folder; URLs signed by the app and served by its route."""

    kind = "local"

    def __init__(self, root, secret, url_for_key):
        self.root = Path(root)
        self._secret = secret.encode() if isinstance(secret, str) else secret
        # key, expires, signature -> the absolute URL of the app's file route
        self._url_for_key = url_for_key

    def _path(self, key):
        _check_key(key)
        return self.root / key

    def check_ready(self):
        """For /readyz, without writing: the folder is writable (before the
        first upload, the nearest existing folder above it, where put will
        create it)."""
        path = self.root
        while not path.exists() and path.parent != path:
            path = path.parent
        if not path.is_dir():
            raise StorageUnavailable("not a folder")
        if not os.access(path, os.W_OK | os.X_OK):
            raise StorageUnavailable("folder not writable")

    def put(self, key, data, content_type):
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed: a reader never sees half a file.
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".part-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def put_file(self, key, source, content_type):
        """Store the open binary file ``source`` (an export) without holding it in memory."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".part-")
        try:
            with os.fdopen(handle, "wb") as out:
                shutil.copyfileobj(source, out, CHUNK)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def read(self, key):
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            raise StoredFileMissing(key) from None

    def chunks(self, key):
        """The file's bytes in chunks (opened now, so a missing file raises here)."""
        try:
            handle = self._path(key).open("rb")
        except FileNotFoundError:
            raise StoredFileMissing(key) from None
        return file_chunks(handle)

    def delete(self, key):
        self._path(key).unlink(missing_ok=True)

    def signature(self, key, expires):
        message = f"{key}\n{int(expires)}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    def signed_url(self, key, expires_in):
        _check_key(key)
        expires = int(time.time()) + int(expires_in)
        return self._url_for_key(key, expires, self.signature(key, expires))

    def verify(self, key, expires, signature, now=None):
        """True when (key, expires, signature) came from signed_url and has not expired."""
        if not valid_key(key) or not (str(expires).isascii() and str(expires).isdigit()) \
                or not isinstance(signature, str):
            return False
        if int(expires) < (time.time() if now is None else now):
            return False
        # As bytes: compare_digest refuses str with non-ASCII characters.
        return hmac.compare_digest(self.signature(key, int(expires)).encode(), signature.encode())


class S3Storage:
    """Objects in a bucket of an S3-compatible store; presigned GET URLs."""

    kind = "s3"

    def __init__(self, bucket, prefix="", endpoint_url=None, access_key=None, secret_key=None,
                 region="us-east-1", client=None):
        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.client = client or make_s3_client(endpoint_url, access_key, secret_key, region)
        # /readyz asks with short timeouts and no retries: a load balancer's probe must not hang.
        self._probe_client = client
        self._probe_args = (endpoint_url, access_key, secret_key, region)

    def check_ready(self):
        """For /readyz: the bucket answers a HEAD."""
        from botocore.exceptions import BotoCoreError, ClientError

        if self._probe_client is None:
            self._probe_client = make_s3_client(*self._probe_args, quick=True)
        try:
            self._probe_client.head_bucket(Bucket=self.bucket)
        except ClientError as exc:
            code = str(exc.response.get("Error", {}).get("Code"))
            reason = {"404": "bucket not found", "NoSuchBucket": "bucket not found",
                      "403": "access denied", "AccessDenied": "access denied"}.get(code, f"error {code}")
            raise StorageUnavailable(reason) from None
        except BotoCoreError as exc:
            raise StorageUnavailable(f"no answer ({type(exc).__name__})") from None

    def _object(self, key):
        _check_key(key)
        return self.prefix + key

    def put(self, key, data, content_type):
        self.client.put_object(Bucket=self.bucket, Key=self._object(key), Body=data, ContentType=content_type)

    def put_file(self, key, source, content_type):
        """Store the open binary file ``source``: boto3 uploads it in parts, a part in memory at a time."""
        self.client.upload_fileobj(source, self.bucket, self._object(key), ExtraArgs={"ContentType": content_type})

    def _get(self, key):
        from botocore.exceptions import ClientError

        try:
            return self.client.get_object(Bucket=self.bucket, Key=self._object(key))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404", "NotFound"):
                raise StoredFileMissing(key) from None
            raise

    def read(self, key):
        return self._get(key)["Body"].read()

    def chunks(self, key):
        return self._get(key)["Body"].iter_chunks(CHUNK)

    def delete(self, key):
        self.client.delete_object(Bucket=self.bucket, Key=self._object(key))

    def signed_url(self, key, expires_in):
        return self.client.generate_presigned_url(
            "get_object", Params={"Bucket": self.bucket, "Key": self._object(key)}, ExpiresIn=int(expires_in))


def file_chunks(handle):
    """An open binary file as 64 KiB pieces, closed at the end (a streamed response's body)."""
    with handle:
        while True:
            data = handle.read(CHUNK)
            if not data:
                break
            yield data


def make_s3_client(endpoint_url, access_key, secret_key, region, quick=False):
    """``quick``: 2-second timeouts and one attempt (readiness probes)."""
    import boto3
    from botocore.config import Config

    timeouts = dict(connect_timeout=2, read_timeout=2, retries={"max_attempts": 1}) if quick else \
        dict(connect_timeout=5, read_timeout=30, retries={"max_attempts": 3, "mode": "standard"})

    return boto3.client(
        "s3", endpoint_url=endpoint_url, aws_access_key_id=access_key, aws_secret_access_key=secret_key,
        region_name=region,
        # Path-style URLs work with every S3-compatible store (a bucket name
        # need not be a DNS label there); SigV4 is what they all accept.
        config=Config(signature_version="s3v4", s3={"addressing_style": "path"}, **timeouts),
    )


def build_storage(config, url_for_key):
    """The backend ``STORAGE_URL`` names; ``url_for_key`` builds the local backend's URLs."""
    url = config["STORAGE_URL"]
    if url.startswith("s3://"):
        parts = urlsplit(url)
        return S3Storage(parts.netloc, prefix=parts.path, endpoint_url=config["STORAGE_S3_ENDPOINT"],
                         access_key=config["STORAGE_S3_ACCESS_KEY"], secret_key=config["STORAGE_S3_SECRET_KEY"],
                         region=config["STORAGE_S3_REGION"])
    root = urlsplit(url).path if url.startswith("file://") else url
    return LocalStorage(root, config["SECRET_KEY"], url_for_key)


def local_url_builder(base_url, route_prefix):
    """The absolute URL of the app's file route for a signed key;
    ``base_url()`` is asked each time (the app's PUBLIC_BASE_URL)."""
    def url_for_key(key, expires, signature):
        return f"{base_url()}{route_prefix}/{key}?" + urlencode({"expires": expires, "signature": signature})

    return url_for_key
