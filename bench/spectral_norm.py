# Measures a numeric kernel built from nested function calls: the spectral norm of an infinite matrix (calls, int and float math, list building).


def eval_a(i, j):
    ij = i + j
    return 1.0 / ((ij * (ij + 1) >> 1) + i + 1)


def eval_a_times_u(u):
    n = len(u)
    result = []
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += eval_a(i, j) * u[j]
        result.append(s)
    return result


def eval_at_times_u(u):
    n = len(u)
    result = []
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += eval_a(j, i) * u[j]
        result.append(s)
    return result


def eval_ata_times_u(u):
    return eval_at_times_u(eval_a_times_u(u))


def main():
    n = 400
    u = [1.0] * n
    v = u
    for _ in range(10):
        v = eval_ata_times_u(u)
        u = eval_ata_times_u(v)
    vbv = 0.0
    vv = 0.0
    for ue, ve in zip(u, v):
        vbv += ue * ve
        vv += ve * ve
    print("spectral norm %.9f" % ((vbv / vv) ** 0.5))


main()
