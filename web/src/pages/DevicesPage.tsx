// Devices: the registry (name, type, room, MAC, IP address, default group),
// and lending a device to a pupil for a lesson, so the filter names the
// pupil on everything the device does until it is checked in. Both forms are
// kept as drafts, so they survive the session ending.
import { useEffect, useState } from "preact/hooks";
import { get, post } from "../api";
import { useDraft } from "../draft";
import { formatTime } from "../format";
import { can, type User } from "../session";
import type { Device, DeviceList, Ok, Pupil } from "../types";

const kNewDevice = { name: "", type: "ipad", room: "", mac: "", ip: "", dhcp_reservation: false, group: "" };
const kLoan = { device: "", upn: "", until: "" };
const kTypeWords: Record<string, string> = { ipad: "iPad", laptop: "Laptop", desktop: "Desktop", camera: "Camera", other: "Other" };

function RegisterDevice({ list, onSaved }: { list: DeviceList; onSaved: () => void }) {
  const [form, setForm, clearForm] = useDraft("device", kNewDevice);
  const [error, setError] = useState("");
  const [done, setDone] = useState("");
  const set = (name: keyof typeof kNewDevice) => (e: { currentTarget: HTMLInputElement | HTMLSelectElement }) =>
    setForm({ ...form, [name]: e.currentTarget.value });

  async function save(e: Event) {
    e.preventDefault();
    setError("");
    setDone("");
    try {
      await post("/devices", form);
      setDone(`Registered ${form.name}.`);
      clearForm();
      onSaved();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <section aria-labelledby="register-title">
      <h2 id="register-title">Register a device</h2>
      <form class="filters" onSubmit={save}>
        <label>
          Name
          <input name="name" required value={form.name} onInput={set("name")} placeholder="Year 3 iPad 07" />
        </label>
        <label>
          Type
          <select name="type" value={form.type} onChange={set("type")}>
            {list.types.map((t) => <option key={t} value={t}>{kTypeWords[t] ?? t}</option>)}
          </select>
        </label>
        <label>
          Room or class
          <input name="room" value={form.room} onInput={set("room")} />
        </label>
        <label>
          MAC address
          <input name="mac" value={form.mac} onInput={set("mac")} placeholder="aa:bb:cc:dd:ee:ff" />
        </label>
        <label>
          IP address
          <input name="ip" value={form.ip} onInput={set("ip")} inputMode="decimal" />
        </label>
        <label class="check">
          <input type="checkbox" name="dhcp" checked={form.dhcp_reservation}
            onChange={(e) => setForm({ ...form, dhcp_reservation: e.currentTarget.checked })} />
          The address is a DHCP reservation
        </label>
        <label>
          Default group
          <select name="group" value={form.group} onChange={set("group")}>
            <option value="">None (the unknown-device rules)</option>
            {list.groups.map((g) => <option key={g} value={g}>{g}</option>)}
          </select>
        </label>
        <button type="submit">Register the device</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      {done && <p role="status">{done}</p>}
    </section>
  );
}

function LendDevice({ list, pupils, onSaved }: { list: DeviceList; pupils: Pupil[]; onSaved: () => void }) {
  const [form, setForm, clearForm] = useDraft("loan", kLoan);
  const [error, setError] = useState("");
  const [done, setDone] = useState("");
  const free = list.devices.filter((d) => !d.checkout);
  const set = (name: keyof typeof kLoan) => (e: { currentTarget: HTMLInputElement | HTMLSelectElement }) =>
    setForm({ ...form, [name]: e.currentTarget.value });

  async function lend(e: Event) {
    e.preventDefault();
    setError("");
    setDone("");
    try {
      await post("/devices/checkout", form);
      const pupil = pupils.find((p) => p.upn === form.upn)?.name ?? form.upn;
      setDone(`${form.device} is lent to ${pupil} until ${form.until}.`);
      clearForm();
      onSaved();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <section aria-labelledby="lend-title">
      <h2 id="lend-title">Lend a device to a pupil</h2>
      {pupils.length === 0 ? <p>There are no pupils yet. Import them on the People page.</p> : (
        <form class="filters" onSubmit={lend}>
          <label>
            Device
            <select name="device" required value={form.device} onChange={set("device")}>
              <option value="">Choose a device</option>
              {free.map((d) => <option key={d.id} value={d.name}>{d.name}</option>)}
            </select>
          </label>
          <label>
            Pupil
            <select name="upn" required value={form.upn} onChange={set("upn")}>
              <option value="">Choose a pupil</option>
              {pupils.map((p) => (
                <option key={p.upn} value={p.upn}>{p.name} ({[p.year_name, p.class].filter(Boolean).join(", ")})</option>
              ))}
            </select>
          </label>
          <label>
            Until (today)
            <input type="time" name="until" required value={form.until} onInput={set("until")} />
          </label>
          <button type="submit">Lend the device</button>
        </form>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      {done && <p role="status">{done}</p>}
    </section>
  );
}

export function DevicesPage({ user }: { user: User }) {
  const [list, setList] = useState<DeviceList | null>(null);
  const [pupils, setPupils] = useState<Pupil[]>([]);
  const [error, setError] = useState("");

  const load = () => {
    get<DeviceList>("/devices").then(setList, (e) => setError(String(e.message ?? e)));
    get<Ok<"/pupils", "get">>("/pupils").then((b) => setPupils(b.pupils), (e) => setError(String(e.message ?? e)));
  };
  useEffect(load, []);

  async function checkIn(d: Device) {
    setError("");
    try {
      await post("/devices/checkin", { device: d.name });
      load();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  if (!list) return error ? <p class="error" role="alert">{error}</p> : <p aria-busy="true">Loading the devices…</p>;
  return (
    <>
      <h1>Devices</h1>
      {error && <p class="error" role="alert">{error}</p>}
      <LendDevice list={list} pupils={pupils} onSaved={load} />
      {can(user, "manage_devices") && <RegisterDevice list={list} onSaved={load} />}
      <table class="activity devices">
        <caption class="visually-hidden">The school's devices</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Room</th>
            <th scope="col">Address</th>
            <th scope="col">Group</th>
            <th scope="col">Lent to</th>
          </tr>
        </thead>
        <tbody>
          {list.devices.map((d) => (
            <tr key={d.id}>
              <td>{d.name}</td>
              <td>{kTypeWords[d.type] ?? d.type}</td>
              <td>{d.room}</td>
              <td>{d.ip}{d.dhcp_reservation ? " (DHCP)" : ""}{d.mac ? <span class="muted"> {d.mac}</span> : null}</td>
              <td>{d.group || "Unknown device"}</td>
              <td>
                {d.checkout ? (
                  <>
                    {d.checkout.pupil} until {formatTime(d.checkout.until_ms)}{" "}
                    <button class="secondary" onClick={() => checkIn(d)} aria-label={`Check in ${d.name}`}>Check in</button>
                  </>
                ) : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
