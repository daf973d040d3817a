import HTTPServer
import Testing
import Web

@Suite struct PublicURLTests {
    @Test func acceptsHostNamesAddressesAndPorts() {
        for host in ["kippu.example", "127.0.0.1:8080", "localhost", "[::1]:8080", "[2001:db8::1]", "Kitakata-Festa.jp"] {
            #expect(PublicURL.isValidHost(host), "\(host)")
        }
    }

    @Test func rejectsAnythingThatCouldBendTheURL() {
        for host in ["", "evil.example/path", "a b", "user@evil.example", "kippu.example:80:80", "kippu.example:", "kippu.example:123456",
                     "-x.example", ".example", "[::1", "[::1]x", "exa\"mple", "例え.jp", "host\r\nX: y", String(repeating: "a", count: 254)] {
            #expect(!PublicURL.isValidHost(host), "\(host)")
        }
    }

    @Test func baseComesFromTheHostHeader() {
        var headers = HTTPHeaders()
        headers.add("Host", "Kippu.Example:8443")
        #expect(PublicURL.base(HTTPRequest(method: "GET", target: "/", headers: headers)) == "http://kippu.example:8443")
        var bad = HTTPHeaders()
        bad.add("Host", "evil.example/x?")
        #expect(PublicURL.base(HTTPRequest(method: "GET", target: "/", headers: bad)) == nil)
        #expect(PublicURL.base(HTTPRequest(method: "GET", target: "/")) == nil)
    }
}
