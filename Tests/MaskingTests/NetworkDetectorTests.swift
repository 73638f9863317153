import Testing
@testable import Masking

/// IPv4 and IPv6 addresses, next to version strings, times, MAC addresses and code that look like them.
@Suite struct NetworkDetectorTests {
    @Test(arguments: [
        ("client 192.168.1.20 connected", "192.168.1.20"),
        ("10.0.0.1:8080", "10.0.0.1"),
        ("10.0.0.0/8", "10.0.0.0"),
        ("255.255.255.255.", "255.255.255.255"),
        ("(8.8.8.8)", "8.8.8.8"),
        ("ip=172.16.254.1&x", "172.16.254.1"),
    ])
    func ipv4(text: String, expected: String) {
        #expect(Fixtures.found(IPv4Detector(), text) == [expected])
    }

    @Test(arguments: [
        "version 1.2.3.4.5",   // a longer dotted run
        "v1.2.3.4",            // a version
        "release-v10.0.0.1",   // ditto
        "256.1.1.1",           // an octet above 255
        "1.2.3",               // three parts
        "1.2.3.1234",          // a four-digit part
        "x1.2.3.4",            // glued to a letter
        "1.2.3.4a",            // ditto
        "3.14.15.92.65",       // a longer dotted run
    ])
    func notIPv4(text: String) {
        #expect(Fixtures.found(IPv4Detector(), text).isEmpty, "\(text)")
    }

    @Test(arguments: [
        ("from 2001:0db8:85a3:0000:0000:8a2e:0370:7334 ok", "2001:0db8:85a3:0000:0000:8a2e:0370:7334"),
        ("2001:db8:85a3::8a2e:370:7334", "2001:db8:85a3::8a2e:370:7334"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("link fe80::1ff:fe23:4567:890a.", "fe80::1ff:fe23:4567:890a"),
        ("::ffff:192.0.2.128", "::ffff:192.0.2.128"),
        ("prefix 2001:db8:: only", "2001:db8::"),
        ("peer 2001:db8::7: refused", "2001:db8::7"),
    ])
    func ipv6(text: String, expected: String) {
        #expect(Fixtures.found(IPv6Detector(), text) == [expected])
    }

    @Test(arguments: [
        "at 12:30:45",                     // a time
        "00:1A:2B:3C:4D:5E",               // a MAC address: six groups, no ::
        "std::vector<int>",                // C++
        "items[::2]",                      // a slice
        "1:2:3:4:5:6:7:8:9",               // nine groups
        "2001:db8::1::2",                  // two ::
        "2001:db8:::1",                    // three colons
        "12345::1",                        // a five-digit group
        "2001:db8::g1",                    // not hex
        "::1",                             // one group only (loopback)
        "deadbeef",                        // no colons
    ])
    func notIPv6(text: String) {
        #expect(Fixtures.found(IPv6Detector(), text).isEmpty, "\(text)")
    }
}
