# changes — en
