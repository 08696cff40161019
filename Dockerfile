# cchc-bot: the bot as a container. Build and run (see README, "Deploying"):
#   docker build -t cchc-bot .
#   docker run -d --name cchc-bot --restart unless-stopped \
#       --env-file cchc.env -v cchc-data:/data cchc-bot
# Every other command runs the same way: docker run --rm -v cchc-data:/data cchc-bot units list
#
# The Python minor version is the one constraints/deploy.txt was resolved with.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# The bot runs as an unprivileged user; everything it writes is under /data.
RUN useradd --system --create-home --home-dir /home/cchc --uid 10001 --shell /usr/sbin/nologin cchc \
    && mkdir /data && chown cchc:cchc /data

WORKDIR /app
# The pinned dependencies first, in their own layer: a change to the code reuses it.
COPY constraints/deploy.txt constraints/deploy.txt
RUN pip install -r constraints/deploy.txt
COPY pyproject.toml README.md ./
COPY bot bot
COPY handlers handlers
COPY storage storage
COPY charts charts
# Within the same pins (no aiohttp: the demo's stand-in is not part of a deployment).
RUN pip install -c constraints/deploy.txt . && pip check

USER cchc
# matplotlib's font cache, built once here rather than at every start.
RUN python -c "import matplotlib.font_manager"

# The database, its daily backups (CCHC_BACKUP_DIR defaults to "backups" beside it) and
# the chart cache ("cchc-charts" beside it) all live in this volume. A .env file placed
# in /data is read too (the working directory), but prefer --env-file for the token.
# A host folder mounted there instead of a named volume must be writable by uid 10001.
ENV CCHC_DB_PATH=/data/cchc.db
VOLUME ["/data"]
WORKDIR /data

# `cchc-bot run` by default; `docker run … cchc-bot units list` runs another command.
# Docker stops the container with SIGTERM, on which the bot finishes and closes cleanly.
ENTRYPOINT ["cchc-bot"]
CMD ["run"]
