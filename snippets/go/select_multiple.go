// example.expect: email: message 1
// example.expect: email: message 2
// example.expect: sms: message 1
// example.expect: sms: message 2
// example.expect: sms: message 3
// example.expect: both channels closed: 5 messages
// example.output: unordered
// select waits on several channel operations and runs the one that is ready
// (a random one when several are). A closed channel is always ready, so once a
// source is done its variable is set to nil: a nil channel is never ready.
package main

import "fmt"

func source(name string, count int) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for i := 1; i <= count; i++ {
			out <- fmt.Sprintf("%s: message %d", name, i)
		}
	}()
	return out
}

func main() {
	email, sms := source("email", 2), source("sms", 3)
	received := 0
	for email != nil || sms != nil {
		select {
		case msg, ok := <-email:
			if !ok {
				email = nil
				continue
			}
			fmt.Println(msg)
			received++
		case msg, ok := <-sms:
			if !ok {
				sms = nil
				continue
			}
			fmt.Println(msg)
			received++
		}
	}
	fmt.Printf("both channels closed: %d messages\n", received)
}
