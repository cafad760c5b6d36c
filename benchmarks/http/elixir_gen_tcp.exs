defmodule Bench.Http.ElixirGenTcp do
  @moduledoc """
  http: a :gen_tcp server (Erlang/OTP standard library, no Hex) answering GET / with 200 "Hello, World!".

  One acceptor process hands each connection to a process of its own, which reads requests with the VM's
  built-in HTTP packet parser (packet: :http_bin) and keeps the connection alive unless the client asks to
  close (or speaks HTTP/1.0 without keep-alive); other paths get 404; request bodies are not read.
  Listens on 127.0.0.1:port only. Prints READY once listening; runs until SIGTERM, or until stdin reaches end
  of file when stdin is a pipe. Parameters (argv key=value): port. Last stdout line (at shutdown):
  {"port", "requests"}.
  """

  @ok "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nHello, World!"
  @not_found "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nNot Found"

  def main(argv) do
    %{"port" => port} = parameters(argv, %{"port" => 8080}, %{"port" => 0})

    options = [
      :binary,
      packet: :http_bin,
      active: false,
      reuseaddr: true,
      ip: {127, 0, 0, 1},
      backlog: 1024
    ]

    {:ok, listener} = :gen_tcp.listen(port, options)
    requests = :counters.new(1, [:write_concurrency])
    spawn_link(fn -> accept(listener, requests) end)

    parent = self()

    :gen_event.swap_handler(
      :erl_signal_server,
      {:erl_signal_handler, []},
      {__MODULE__.OnSigterm, parent}
    )

    if match?({:ok, ~c"pipe:" ++ _}, :file.read_link(~c"/proc/self/fd/0")) do
      # The harness holds our stdin open; when it goes away without a signal, stop anyway.
      spawn_link(fn ->
        drain_stdin()
        send(parent, :stop)
      end)
    end

    IO.puts("READY")

    receive do
      :stop -> :gen_tcp.close(listener)
    end

    IO.puts(json(port: port, requests: :counters.get(requests, 1)))
  end

  defp accept(listener, requests) do
    case :gen_tcp.accept(listener) do
      {:ok, socket} ->
        handler = spawn(fn -> serve(socket, requests, nil) end)
        :ok = :gen_tcp.controlling_process(socket, handler)
        accept(listener, requests)

      {:error, _closed} ->
        :ok
    end
  end

  # request: nil between requests, else {method, path, keep_alive?} while its headers are read
  defp serve(socket, requests, request) do
    case {:gen_tcp.recv(socket, 0), request} do
      {{:ok, {:http_request, method, {:abs_path, path}, version}}, _} ->
        serve(socket, requests, {method, path, version == {1, 1}})

      {{:ok, {:http_header, _, :Connection, _, value}}, {method, path, _}} ->
        serve(socket, requests, {method, path, String.downcase(value) == "keep-alive"})

      {{:ok, {:http_header, _, _, _, _}}, _} ->
        serve(socket, requests, request)

      {{:ok, :http_eoh}, {method, path, keep_alive}} ->
        respond(socket, requests, method, path)
        if keep_alive, do: serve(socket, requests, nil), else: :gen_tcp.close(socket)

      _error_or_closed ->
        :gen_tcp.close(socket)
    end
  end

  defp respond(socket, requests, :GET, "/") do
    :counters.add(requests, 1, 1)
    :gen_tcp.send(socket, @ok)
  end

  defp respond(socket, _requests, _method, _path), do: :gen_tcp.send(socket, @not_found)

  defp drain_stdin do
    case IO.binread(:stdio, :line) do
      data when is_binary(data) -> drain_stdin()
      _eof_or_error -> :ok
    end
  end

  defp parameters(argv, defaults, minimum) do
    Enum.reduce(argv, defaults, fn arg, values ->
      {key, text} =
        case String.split(arg, "=", parts: 2) do
          [key, text] when is_map_key(defaults, key) ->
            {key, text}

          _ ->
            known = defaults |> Map.keys() |> Enum.sort() |> Enum.join(", ")
            fail("unknown parameter #{inspect(arg)}: expected key=value with key one of #{known}")
        end

      value =
        case Integer.parse(text) do
          {value, ""} -> value
          _ -> fail("parameter #{key} must be an integer, got #{inspect(text)}")
        end

      if value < minimum[key],
        do: fail("parameter #{key} must be at least #{minimum[key]}, got #{value}")

      Map.put(values, key, value)
    end)
  end

  defp fail(message) do
    IO.puts(:stderr, "#{Path.basename(__ENV__.file)}: #{message}")
    System.halt(2)
  end

  defp json(pairs) do
    "{" <>
      Enum.map_join(pairs, ", ", fn {key, value} -> ~s("#{key}": #{json_value(value)}) end) <> "}"
  end

  defp json_value(nil), do: "null"
  defp json_value(value) when is_binary(value), do: inspect(value)
  defp json_value(value), do: to_string(value)
end

defmodule Bench.Http.ElixirGenTcp.OnSigterm do
  @moduledoc "Replaces the VM's SIGTERM handler (which stops the VM at once): tells the server to stop instead."
  @behaviour :gen_event

  @impl true
  def init({server, _previous_handler_result}), do: {:ok, server}

  @impl true
  def handle_event(:sigterm, server) do
    send(server, :stop)
    {:ok, server}
  end

  def handle_event(_signal, server), do: {:ok, server}

  @impl true
  def handle_call(_request, server), do: {:ok, :ok, server}
end
