//go:build !wasm

// Command leaving-amazon is the essay "Leaving Amazon" as a progressive web
// app. Built for the browser (GOOS=js GOARCH=wasm, main_wasm.go) it is the
// app that takes over the prerendered page. Built for the server (this
// file) it builds every page once with package web and serves them from
// memory, or writes them out as a static site.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"leaving-amazon/essay"
	"leaving-amazon/web"
)

func main() {
	var cfg web.Config
	addr := flag.String("addr", "127.0.0.1:8000", "address to listen on")
	flag.StringVar(&cfg.Domain, "domain", "", "public host name, for absolute canonical and Open Graph URLs (e.g. example.com)")
	flag.StringVar(&cfg.FrameAncestors, "frame-ancestors", "'self'", "the sites that may embed the essay in a frame (CSP frame-ancestors), e.g. \"'self' https://example.com\"")
	flag.StringVar(&cfg.Base, "base", "/", "the path the essay is served under, e.g. /essays/leaving-amazon/")
	flag.StringVar(&cfg.Proxy, "proxy", "", "the address or network of the proxy in front of the server, whose X-Forwarded-Proto is believed (e.g. 127.0.0.1)")
	export := flag.String("export", "", "write a static copy of the site into DIR (for any static host, under -base), then exit")
	precompress := flag.String("precompress", "", "write FILE.gz and FILE.br beside FILE, then exit (the build uses it for app.wasm)")
	content := flag.String("content", "", "serve another essay, built into DIR (content.json, app.wasm and its twins) by make run ESSAY=dir, instead of the built-in one")
	size := flag.String("size", "", "print what the wasm FILE costs a reader (raw, gzip, brotli) and its code by package, then exit (make size)")
	names := flag.String("names", "", "with -size: the same wasm built with its names kept (no -s), for the code by package")
	flag.Parse()

	if *size != "" {
		if *names == "" {
			*names = *size
		}
		s, err := web.MeasureWasm(*size, *names)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Print(s)
		return
	}
	if *precompress != "" {
		if err := web.Precompress(*precompress); err != nil {
			log.Fatal(err)
		}
		return
	}
	e := essay.Content()
	if *content != "" {
		var err error
		if e, err = loadEssay(*content); err != nil {
			log.Fatal(err)
		}
		cfg.Wasm = os.DirFS(*content)
	}
	cfg.Static = *export != ""
	site, err := web.New(e, cfg)
	if err != nil {
		log.Fatal(err)
	}
	if *export != "" {
		n, err := site.Export(*export)
		if err != nil {
			log.Fatal(err)
		}
		log.Printf("exported %q (version %s) to %s for %s: %d files", e.Title, site.Version(), *export, site.Prefix()+"/", n)
		return
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("serving %q (version %s) at http://%s%s/", e.Title, site.Version(), ln.Addr(), site.Prefix())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := web.Serve(ctx, ln, site); err != nil {
		log.Fatal(err)
	}
}

// loadEssay reads another essay's parsed content from dir, where make
// built it beside the wasm that embeds the same content.
func loadEssay(dir string) (*essay.Essay, error) {
	b, err := os.ReadFile(filepath.Join(dir, "content.json"))
	if err != nil {
		return nil, fmt.Errorf("-content %s: %w (build it with make run ESSAY=<the essay's directory>)", dir, err)
	}
	return essay.Decode(b)
}
