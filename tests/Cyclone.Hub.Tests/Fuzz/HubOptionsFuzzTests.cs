using System.Net;
using Cyclone.Tests.Shared;

namespace Cyclone.Hub.Tests.Fuzz;

public sealed class HubOptionsFuzzTests
{
    private static readonly (string, string)[] Keys =
    [
        ("Hub:Port", "int"), ("Hub:GrpcPort", "int"), ("Hub:BindAddress", "text"), ("Hub:LeaseTimeout", "duration"), ("Hub:HeartbeatInterval", "duration"),
        ("Hub:MaxAttempts", "int"), ("Hub:TimeLimitBackstop", "duration"), ("Hub:TickInterval", "duration"), ("Hub:MaxRequestBodyBytes", "int"),
        ("Hub:Tls:Certificate", "text"), ("Hub:Tls:Key", "text"), ("Hub:Tls:Password", "text"), ("Kestrel:Certificates:Default:Path", "text"),
        ("Kestrel:Certificates:Default:KeyPath", "text"), ("Hub:NoSuchSetting", "text"), ("Hub:Port:Nested", "int"),
        ("Hub:Dwork:Port", "int"), ("Hub:Dwork:Lease", "duration"), ("Hub:Dwork:User", "text"), ("Hub:Dwork:RunNames", "bool"),
        ("Hub:HighAvailability:AdvertiseUrl", "text"), ("Hub:HighAvailability:PollInterval", "duration"), ("Hub:HighAvailability:LockTimeout", "duration"),
    ];

    [Fact]
    public void Any_configuration_gives_valid_options_or_short_problems_and_never_throws() =>
        PropertyFuzz.Check("HubOptions any configuration", ConfigFuzz.Of(Keys), values =>
        {
            var what = ConfigFuzz.Describe(values);
            var options = HubApplication.ReadOptions(ConfigFuzz.Build(values), out var problems);
            Assert.True(options is null == problems.Count > 0, $"{what}: options {(options is null ? "missing" : "given")} with {problems.Count} problems");
            Assert.All(problems, p => PropertyFuzz.AssertMessage(p, what));
            if (options is null)
            {
                return;
            }

            // what the hub derives from valid options must hold: ports Kestrel takes, timers it can start, times it can add and send
            Assert.True(options.Port is >= 0 and <= 65535 && options.GrpcPort is >= 0 and <= 65535, $"{what}: ports {options.Port}, {options.GrpcPort}");
            Assert.True(options.MaxAttempts is >= 1 and <= 1000 && options.MaxRequestBodyBytes >= 1024, $"{what}: {options.MaxAttempts} attempts, {options.MaxRequestBodyBytes} bytes");
            Assert.True(options.BindAddress == "localhost" || IPAddress.TryParse(options.BindAddress, out _), what);
            Assert.True(options.LeaseTimeout > TimeSpan.Zero && options.LeaseTimeout.TotalMilliseconds <= int.MaxValue, $"{what}: lease timeout {options.LeaseTimeout}");
            Assert.True(options.HeartbeatInterval > TimeSpan.Zero && options.HeartbeatInterval <= options.LeaseTimeout / 2, $"{what}: heartbeat {options.HeartbeatInterval}");
            Assert.True(options.TickInterval > TimeSpan.Zero && options.TickInterval.TotalMilliseconds < uint.MaxValue - 1, $"{what}: tick {options.TickInterval}");
            Assert.True(options.TimeLimitBackstop >= TimeSpan.Zero && options.TimeLimitBackstop + TimeSpan.FromDays(5_000_000) < TimeSpan.MaxValue, $"{what}: backstop {options.TimeLimitBackstop}");
            var ha = options.HighAvailability;
            Assert.True(ha.PollInterval >= TimeSpan.FromMilliseconds(50) && ha.PollInterval <= ha.LockTimeout && ha.LockTimeout <= TimeSpan.FromMinutes(1), $"{what}: poll {ha.PollInterval}, lock timeout {ha.LockTimeout}");
            Assert.True(ha.AdvertiseUrl is null || Uri.TryCreate(ha.AdvertiseUrl.Trim(), UriKind.Absolute, out _), $"{what}: advertise {ha.AdvertiseUrl}");
            Assert.True(options.Dwork.Port is null or (>= 0 and <= 65535) && options.Dwork.Lease > TimeSpan.Zero && options.Dwork.Lease <= TimeSpan.FromDays(1), $"{what}: dwork {options.Dwork.Port}, {options.Dwork.Lease}");
        }, 1_500);
}
