// Command go-runner connects with the go-mssqldb driver to the DSN given as its
// argument, runs `select 1` and prints one JSON line.
package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"time"

	_ "github.com/denisenkom/go-mssqldb"
)

type result struct {
	Ok    bool   `json:"ok"`
	Stage string `json:"stage"`
	Error string `json:"error,omitempty"`
	Value int    `json:"value,omitempty"`
}

func finish(r result) {
	out, _ := json.Marshal(r)
	fmt.Println(string(out))
	os.Exit(0)
}

func main() {
	if len(os.Args) != 2 {
		finish(result{Stage: "usage", Error: "usage: go-runner DSN"})
	}
	go func() {
		time.Sleep(15 * time.Second)
		finish(result{Stage: "timeout", Error: "no answer in 15 s"})
	}()
	db, err := sql.Open("mssql", os.Args[1])
	if err != nil {
		finish(result{Stage: "open", Error: err.Error()})
	}
	var v int
	if err := db.QueryRow("select 1").Scan(&v); err != nil {
		finish(result{Stage: "query", Error: err.Error()})
	}
	finish(result{Ok: v == 1, Stage: "query", Value: v})
}
