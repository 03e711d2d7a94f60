# Pare's everyday commands. Each installs the system libraries it needs first.
SWIFT ?= swift

.PHONY: deps demo build release test clean

deps:
	@scripts/install-deps

# Clean the sample page that ships with the repository and print the result.
demo: deps
	@$(SWIFT) build -c release --product pare >&2
	@.build/release/pare Samples/news-article.txt

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product pare

# The whole test suite: unit tests, every rule's examples, golden pages, the CLI end to end.
test: deps
	$(SWIFT) test

clean:
	rm -rf .build
