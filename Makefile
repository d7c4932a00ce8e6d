# OneBlueprint: the two commands are `make run` and `make test`; the rest are their steps.
SHELL := /bin/bash
.DEFAULT_GOAL := help
SCALE ?= demo

.PHONY: help run test deps build db demo web serve bench stop clean

help:
	@echo "make run    install what is missing, start PostGIS, load the demo city, serve on http://127.0.0.1:5080"
	@echo "make test   install what is missing, start PostGIS, run every test (summary: N passed, N failed)"
	@echo "make stop   stop the project's PostGIS cluster"

deps:
	@scripts/deps.sh

build: deps
	@dotnet build OneBlueprint.sln -c Release -nologo -v quiet -clp:ErrorsOnly

db: deps
	@scripts/pg.sh start

# Loads the demo city unless that scale is already in the database (gen-demo --if-missing).
demo: db
	@./ob gen-demo --scale $(SCALE) --load --if-missing

# The standard page's front end (web/ -> web/dist), rebuilt only when web/src changed.
web:
	@scripts/web.sh

run: demo web
	@./ob serve

test: deps db web
	@[ -d tests/js/node_modules ] || (cd tests/js && npm ci --no-audit --no-fund) # the tile tests' independent MVT decoder
	@scripts/test.sh

bench: db
	@./ob gen-demo --scale city --load --if-missing
	@./ob bench all

stop:
	@scripts/pg.sh stop

clean:
	rm -rf artifacts TestResults src/*/bin src/*/obj tests/*/bin tests/*/obj
