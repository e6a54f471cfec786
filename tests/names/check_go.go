// crypto/x509 Certificate.VerifyHostname (what go-mssqldb relies on) for
// every case x host. Usage: check DIR CASES_JSON HOSTS_JSON; prints
// {case: {host: bool}}.
package main

import (
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
)

func main() {
	dir := os.Args[1]
	var cases, hosts []string
	if err := json.Unmarshal([]byte(os.Args[2]), &cases); err != nil {
		panic(err)
	}
	if err := json.Unmarshal([]byte(os.Args[3]), &hosts); err != nil {
		panic(err)
	}
	out := map[string]map[string]bool{}
	for _, c := range cases {
		data, err := os.ReadFile(filepath.Join(dir, c+".pem"))
		if err != nil {
			panic(err)
		}
		block, _ := pem.Decode(data)
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			panic(err)
		}
		out[c] = map[string]bool{}
		for _, h := range hosts {
			out[c][h] = cert.VerifyHostname(h) == nil
		}
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		panic(err)
	}
}
