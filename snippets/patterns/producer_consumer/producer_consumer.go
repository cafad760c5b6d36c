// A fast producer and a slow consumer share a channel buffered to two items.
package main

import (
	"fmt"
	"time"
)

const (
	capacity = 2
	items    = 8
)

func main() {
	buffer := make(chan int, capacity)
	waited := false

	go func() {
		defer close(buffer) // end of stream
		for item := 1; item <= items; item++ {
			timeline.Send("producer", fmt.Sprint("item ", item))
			select {
			case buffer <- item:
			default:
				timeline.Mark("producer", "buffer full")
				waited = true // the buffer is full: this send blocks until the consumer takes one
				buffer <- item
			}
		}
	}()

	maxBuffered := 0
	for {
		maxBuffered = max(maxBuffered, len(buffer)) // items waiting, before taking one
		item, ok := <-buffer
		if !ok {
			break
		}
		timeline.Recv("consumer", fmt.Sprint("item ", item))
		done := timeline.Busy("consumer", fmt.Sprint("item ", item))
		fmt.Println("consumed", item)
		time.Sleep(20 * time.Millisecond) // the consumer is the slow side
		done()
	}

	// Reading waited is safe: close(buffer) happens after the producer's last write to it,
	// and the receive that saw the channel closed happens after close.
	fmt.Printf("max buffered <= %d: %t\n", capacity, maxBuffered <= capacity)
	fmt.Printf("producer waited for space: %t\n", waited)
}
