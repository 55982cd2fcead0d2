package dev.pollux.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pollux.testing.sysfs.FakeSysfs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryTest {
  @TempDir Path dir;

  private static Device open(FakeSysfs fake) {
    return Device.open(Trees.config(fake).build());
  }

  private static Sensor sensor(Device device, String id) {
    return device.sensors().stream()
        .filter(s -> s.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no sensor " + id + " in " + ids(device)));
  }

  private static List<String> ids(Device device) {
    return device.sensors().stream().map(Sensor::id).toList();
  }

  @Test
  void findsThermalZonesWithTheirTypeAsLabel() {
    try (Device device = open(Trees.x86Laptop(dir))) {
      Sensor zone1 = sensor(device, "thermal_zone1");
      assertThat(zone1.kind()).isEqualTo(SensorKind.TEMPERATURE);
      assertThat(zone1.unit()).isEqualTo(Unit.CELSIUS);
      assertThat(zone1.label()).isEqualTo("x86_pkg_temp");
      assertThat(zone1.source())
          .isEqualTo(
              new Source.ThermalZone(
                  1, "x86_pkg_temp", dir.resolve("sys/class/thermal/thermal_zone1/temp")));
    }
  }

  @Test
  void ordersThermalZonesByNumberNotByName() {
    FakeSysfs fake = Trees.container(dir);
    for (int n : new int[] {10, 2, 0, 1}) {
      fake.thermalZone(n, "zone" + n, 40_000);
    }
    try (Device device = open(fake)) {
      assertThat(ids(device))
          .startsWith("thermal_zone0", "thermal_zone1", "thermal_zone2", "thermal_zone10");
    }
  }

  @Test
  void namesHwmonChipsFromTheirDevicePathAsNodeExporterDoes() {
    try (Device device = open(Trees.x86Laptop(dir))) {
      Sensor pkg = sensor(device, "hwmon_platform_coretemp_0_temp1");
      assertThat(pkg.label()).isEqualTo("Package id 0");
      Source.Hwmon source = (Source.Hwmon) pkg.source();
      assertThat(source.chip()).isEqualTo("platform_coretemp_0");
      assertThat(source.chipName()).isEqualTo("coretemp");
      assertThat(source.sensor()).isEqualTo("temp1");
      assertThat(sensor(device, "hwmon_platform_coretemp_0_temp2").label()).isEqualTo("Core 0");
      assertThat(((Source.Hwmon) sensor(device, "hwmon_power_supply_bat0_in0").source()).chip())
          .isEqualTo("power_supply_bat0");
    }
  }

  @Test
  void namesAChipWithoutDeviceFromItsNameFile() {
    try (Device device = open(Trees.x86Laptop(dir))) {
      Sensor acpitz = sensor(device, "hwmon_acpitz_temp1");
      assertThat(acpitz.source()).isInstanceOf(Source.Hwmon.class);
      assertThat(((Source.Hwmon) acpitz.source()).chip()).isEqualTo("acpitz");
      assertThat(acpitz.label()).isEqualTo("acpitz temp1");
    }
  }

  @Test
  void namesAChipWithNeitherDeviceNorNameFromItsDirectory() {
    FakeSysfs fake = Trees.container(dir);
    fake.hwmon(7, null, null).temp(1, 30_000, null);
    try (Device device = open(fake)) {
      Source.Hwmon source = (Source.Hwmon) sensor(device, "hwmon_hwmon7_temp1").source();
      assertThat(source.chip()).isEqualTo("hwmon7");
      assertThat(source.chipName()).isEmpty();
    }
  }

  @Test
  void keepsColonsInTheChipLabelButNotInTheId() {
    FakeSysfs fake = Trees.container(dir);
    fake.hwmon(2, "k10temp", "pci0000:00/0000:00:18.3").temp(1, 61_000, "Tctl");
    try (Device device = open(fake)) {
      Sensor tctl = sensor(device, "hwmon_pci0000_00_0000_00_18_3_temp1");
      assertThat(((Source.Hwmon) tctl.source()).chip()).isEqualTo("pci0000:00_0000:00:18_3");
      assertThat(device.snapshot().primary().sensorId()).isEqualTo(tctl.id());
    }
  }

  @Test
  void findsEveryHwmonInputTypeWithItsKindAndUnit() {
    try (Device device = open(Trees.x86Laptop(dir))) {
      assertThat(sensor(device, "hwmon_platform_thinkpad_hwmon_fan1").unit()).isEqualTo(Unit.RPM);
      assertThat(sensor(device, "hwmon_power_supply_bat0_in0").unit()).isEqualTo(Unit.VOLTS);
      assertThat(sensor(device, "hwmon_power_supply_bat0_curr1").unit()).isEqualTo(Unit.AMPERES);
      assertThat(sensor(device, "hwmon_power_supply_bat0_power1").kind())
          .isEqualTo(SensorKind.POWER);
    }
  }

  @Test
  void findsTheSystemFiguresInProcfs() {
    try (Device device = open(Trees.container(dir))) {
      assertThat(ids(device))
          .contains(
              "load1", "load5", "load15", "memory_total", "memory_available", "uptime", "cpu_busy");
      assertThat(sensor(device, "memory_total").unit()).isEqualTo(Unit.BYTES);
      assertThat(sensor(device, "load1").unit()).isEqualTo(Unit.NONE);
    }
  }

  @Test
  void choosesTheCpuThermalZoneOnARaspberryPi() {
    try (Device device = open(Trees.raspberryPi(dir))) {
      Primary primary = device.snapshot().primary();
      assertThat(primary.sensorId()).isEqualTo("thermal_zone0");
      assertThat(primary.reason()).contains("cpu-thermal");
      assertThat(ids(device)).doesNotContain("sim_temperature");
    }
  }

  @Test
  void choosesX86PkgTempOverAcpitzOnALaptop() {
    try (Device device = open(Trees.x86Laptop(dir))) {
      assertThat(device.snapshot().primary())
          .isEqualTo(
              new Primary("thermal_zone1", "recognised CPU/SoC thermal zone type x86_pkg_temp"));
    }
  }

  @Test
  void choosesTheCoretempPackageWhenNoZoneIsRecognised() {
    FakeSysfs fake = Trees.x86Laptop(dir);
    fake.delete(fake.thermalZoneDir(1));
    try (Device device = open(fake)) {
      assertThat(device.snapshot().primary().sensorId())
          .isEqualTo("hwmon_platform_coretemp_0_temp1");
    }
  }

  @Test
  void choosesThermalZone0WhenNothingIsRecognised() {
    FakeSysfs fake = Trees.container(dir).thermalZone(0, "acpitz", 40_000);
    fake.thermalZone(1, "iwlwifi_1", 38_000);
    try (Device device = open(fake)) {
      assertThat(device.snapshot().primary().sensorId()).isEqualTo("thermal_zone0");
    }
  }

  @Test
  void choosesTheFirstTemperatureWithoutThermalZones() {
    FakeSysfs fake = Trees.container(dir);
    fake.hwmon(0, "nvme", "nvme/nvme0").temp(1, 35_000, "Composite");
    try (Device device = open(fake)) {
      assertThat(device.snapshot().primary().sensorId()).isEqualTo("hwmon_nvme_nvme0_temp1");
    }
  }

  @Test
  void simulatesATemperatureInAContainer() {
    try (Device device = open(Trees.container(dir))) {
      Primary primary = device.snapshot().primary();
      assertThat(primary.sensorId()).isEqualTo("sim_temperature");
      assertThat(primary.reason()).contains("simulated");
      assertThat(sensor(device, "sim_temperature").simulated()).isTrue();
      assertThat(sensor(device, "load1").simulated()).isFalse();
    }
  }

  @Test
  void hasNoPrimaryInAContainerWhenTheFallbackIsOff() {
    try (Device device =
        Device.open(Trees.config(Trees.container(dir)).simulatedFallback(false).build())) {
      assertThat(device.snapshot().primary()).isEqualTo(Primary.NONE);
      assertThat(device.snapshot().primaryTemperature()).isNull();
      assertThat(ids(device)).contains("load1").noneMatch(id -> id.startsWith("sim_"));
    }
  }

  @Test
  void simulatesAlongsideRealSensorsWhenAsked() {
    try (Device device = Device.open(Trees.config(Trees.raspberryPi(dir)).simulate(true).build())) {
      assertThat(ids(device)).contains("sim_temperature", "sim_humidity", "sim_fan");
      assertThat(device.snapshot().primary().sensorId()).isEqualTo("thermal_zone0");
    }
  }

  @Test
  void filtersIdsWithIncludeAndExcludeGlobs() {
    DeviceConfig config =
        Trees.config(Trees.x86Laptop(dir))
            .include(List.of("thermal_*", "hwmon_platform_*"))
            .exclude(List.of("*_temp2", "thermal_zone0"))
            .build();
    try (Device device = Device.open(config)) {
      assertThat(ids(device))
          .containsExactly(
              "thermal_zone1",
              "hwmon_platform_coretemp_0_temp1",
              "hwmon_platform_thinkpad_hwmon_fan1");
    }
  }

  @Test
  void givesEveryReadingNoValueBeforeTheFirstPass() {
    try (Device device = open(Trees.raspberryPi(dir))) {
      Snapshot first = device.snapshot();
      assertThat(first.sequence()).isZero();
      assertThat(first.readings())
          .allSatisfy(r -> assertThat(r.reason()).isEqualTo("no value yet"));
    }
  }

  @Test
  void refusesARootThatIsMissingOrNotADirectory() {
    FakeSysfs fake = Trees.container(dir);
    Path missing = dir.resolve("nowhere");
    assertThatThrownBy(() -> Device.open(Trees.config(fake).sysfsRoot(missing).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sysfsRoot does not exist: " + missing);
    Path file = fake.procfsRoot().resolve("loadavg");
    assertThatThrownBy(() -> Device.open(Trees.config(fake).procfsRoot(file).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("procfsRoot is not a directory: " + file);
  }

  @Test
  void refusesNonsenseDurations() {
    assertThatThrownBy(() -> DeviceConfig.builder().interval(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("interval <= 0: PT0S");
    assertThatThrownBy(
            () ->
                DeviceConfig.builder()
                    .interval(Duration.ofSeconds(10))
                    .history(Duration.ofSeconds(5))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("history < interval: PT5S < PT10S");
  }
}
